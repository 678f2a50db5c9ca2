"""The items of a questionnaire as a page shows them, and the answers a page posts.

Shared by the parent's page under the private link and the coordinator's page
for a conversation: both render each item as a fieldset of radio buttons."""

from __future__ import annotations

from coalition.instruments.models import in_language
from families.models import Administration


def questionnaire_items(administration: Administration, language: str) -> list[dict]:
    options = administration.instrument.options
    answers = administration.answers
    return [
        {
            "key": item.key,
            "number": item.number,
            "text": in_language(item.text, language),
            "options": [
                {
                    "value": option["value"],
                    "label": in_language(option["label"], language),
                    "checked": answers.get(item.key) == option["value"],
                }
                for option in options
            ],
        }
        for item in administration.instrument.items.all()
    ]


def posted_answers(post, administration: Administration) -> dict[str, int]:
    """The answers chosen on the page (`item_<number>`); an item left open is skipped."""
    answers = {}
    for item in administration.instrument.items.all():
        raw = post.get(f"item_{item.key}", "")
        if raw.lstrip("-").isdigit():
            answers[item.key] = int(raw)
    return answers
