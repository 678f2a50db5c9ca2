"""The parents' and partners' pages, by audience. The URL names live in families/urls.py."""
