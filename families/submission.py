"""One save per form: a double tap shows the first result and saves nothing twice.

A public or partner form carries a random key in a hidden field; the row it creates
keeps that key in a unique `submission_key` column. A second post with the same key
finds that row (`submitted`) and shows what the first post showed. Two posts that race
each other meet the unique column: the view catches the IntegrityError and looks again.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django import forms
from django.db.models import Model, QuerySet

FIELD_NAME = "submission_key"
MAX_LENGTH = 64

M = TypeVar("M", bound=Model)


def new_submission_key() -> str:
    return uuid.uuid4().hex


class SubmissionKeyField(forms.CharField):
    """The hidden key; a form shown empty gets a fresh one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("initial", new_submission_key)
        super().__init__(**kwargs)


def posted_submission_key(request) -> str:
    """The key of a POST, read before the form is validated."""
    return request.POST.get(FIELD_NAME, "")[:MAX_LENGTH]


def submitted(queryset: QuerySet[M], key: str) -> M | None:
    """The row an earlier post with `key` saved, if any."""
    return queryset.filter(submission_key=key).first() if key else None
