"""The partner API (/api/v1/): partners' systems refer families and follow the coarse
status of their own referrals; anyone reads the programme catalogue.

Django REST framework with drf-spectacular (OpenAPI 3) and django-oauth-toolkit (OAuth 2
client credentials, one client per partner system). The API is a front door like the
partner portal: it calls the same service (`referral_create`) and the same selectors
(`partner_requests`, `partner_rows`), so it never shows more than the portal does.
"""
