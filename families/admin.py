"""Families, requests, consents and referrals are deliberately not in the Django admin.

The admin is the coalition administrators' tool (organisations, programmes, users,
weights, the audit log). Case data is worked on the coordinators' dashboard only,
where every read goes through `visible_to`, special-category data is shown to the
programme's own coordinators only, and each view or change is audited.
"""
