"""The matching pages, by audience. The URL names live in matching/urls.py."""
