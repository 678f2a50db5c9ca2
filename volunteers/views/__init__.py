"""The volunteers' pages, by topic. The URL names live in volunteers/urls.py."""
