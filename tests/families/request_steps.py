"""Walk the parents' request form as a browser without JavaScript would."""

from __future__ import annotations

from django.urls import reverse

STEP_DATA = {
    1: {"first_name": "Amina", "postcode": "5038 AB"},
    2: {
        "phone": "06 12345678",
        "email": "amina@example.org",
        "contact_preference": "phone",
        "contact_times": "after 3 pm",
    },
    3: {"child_1_name": "Sara", "child_1_age": "3", "child_2_name": "Ali", "child_2_age": "6"},
    4: {"situation": ["overloaded", "no_network"], "situation_text": "Ik ben alleen."},
    5: {"support": "help"},
    6: {
        "availability": ["mon_afternoon", "wed_afternoon", "sat_morning"],
        "languages": ["ar", "nl"],
        "needs_shared_language": "on",
    },
}


def step_url(number: int) -> str:
    if number == 1:
        return reverse("families:request_start")
    return reverse("families:request_step", args=[number])


def answer_steps(client, overrides: dict[int, dict] | None = None, until: int = 6):
    """POST steps 1..until; each must move on to the next step."""
    overrides = overrides or {}
    for number in range(1, until + 1):
        data = {**STEP_DATA[number], **overrides.get(number, {})}
        response = client.post(step_url(number), data)
        assert response.status_code == 302, (number, response.content.decode()[:3000])
        assert response["Location"] == reverse("families:request_step", args=[number + 1])


def submission_key(client) -> str:
    return client.session["request_wizard"]["key"]


def send(client, **extra):
    data = {"consent": "on", "submission_key": submission_key(client), "website": ""}
    data.update(extra)
    return client.post(step_url(7), data)


def complete_request(client, overrides: dict[int, dict] | None = None, **extra):
    answer_steps(client, overrides)
    return send(client, **extra)
