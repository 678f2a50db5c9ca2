"""`{% load pictures %}{% programme_picture programme.slug %}`: the programme's picture
with its text alternative (families/pictures.py)."""

from __future__ import annotations

from django import template

from families import pictures

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def programme_picture(slug: str) -> dict:
    return {"picture": pictures.programme_picture(slug)}


@register.inclusion_tag("includes/picture.html")
def situation_picture(code: str) -> dict:
    return {"picture": pictures.situation_picture(code)}
