"""Every form and export that carries health information goes through the one rule,
`can_see_special_category`: a user who may not see it can neither read, set nor
clear it there."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from coalition.privacy.export import subject_export_json
from coalition.privacy.registry import export_filters
from families.models import (
    SPECIAL_CATEGORY_SITUATIONS,
    ProgrammeReferral,
    ProgrammeReferralStatus,
    Situation,
    SupportRequest,
)
from families.services import request_refer_to_programme
from tests.factories import SupportRequestFactory, with_totp

pytestmark = pytest.mark.django_db

SPECIAL_FIELDS = {"health_notes", "situation"}
HEALTH_NOTE = "Moeder heeft een depressie (fictief)"

# Forms with a special-category field, and why the rule applies to them or not.
# A new form with such a field fails `test_every_form_with_health_information_is_listed`.
GUARDED_FORMS = {"coordinators.forms.RecordIntakeForm"}
OWN_ANSWER_FORMS = {
    # The parent fills in their own request: it is their own information.
    "families.forms.SituationForm",
}


def project_forms():
    from django import forms

    for app in apps.get_app_configs():
        if not app.path.startswith(str(settings.BASE_DIR)) or ".venv" in app.path:
            continue
        try:
            importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    for form in set(walk(forms.BaseForm)):
        if form.__module__.split(".")[0] in {a.name.split(".")[0] for a in apps.get_app_configs()}:
            yield form


def carries_health_information(form) -> bool:
    fields = getattr(form, "base_fields", {})
    if "health_notes" in fields:
        return True
    field = fields.get("situation")
    codes = {code for code, _label in getattr(field, "choices", [])}
    return bool(codes & SPECIAL_CATEGORY_SITUATIONS)


def test_every_form_with_health_information_is_listed():
    found = {
        f"{form.__module__}.{form.__qualname__}"
        for form in project_forms()
        if carries_health_information(form) and not form.__module__.startswith("django")
    }

    assert found == GUARDED_FORMS | OWN_ANSWER_FORMS


def test_every_model_with_health_information_has_an_export_filter():
    carrying = [
        model
        for model in apps.get_models()
        if SPECIAL_FIELDS & {f.name for f in model._meta.concrete_fields}
        and model._meta.app_label in {"families", "matching", "volunteers", "coordinators"}
    ]

    assert carrying == [SupportRequest]
    for model in carrying:
        assert export_filters(model), model


@pytest.fixture
def offered(buurtgezinnen, home_start, coordinator, other_coordinator, coalition_admin):
    """A Home-Start request with health information, offered to Buurtgezinnen."""
    for user in (coordinator, other_coordinator, coalition_admin):
        with_totp(user)
    request = SupportRequestFactory(
        programme=home_start,
        status="intake_planned",
        situation=["overloaded", Situation.PARENT_MENTAL_HEALTH],
        health_notes=HEALTH_NOTE,
    )
    request_refer_to_programme(
        request=request,
        to_programme=buurtgezinnen,
        reason="Past beter bij een steungezin.",
        family_agreed=True,
        by=other_coordinator,
    )
    return request


def offer_declined(offered) -> None:
    """While on offer nobody records the intake (tests/families/test_request_on_offer.py):
    the receiving programme answered, the sender goes on."""
    ProgrammeReferral.objects.filter(request=offered).update(
        status=ProgrammeReferralStatus.DECLINED, decision_note="Geen plek."
    )


def intake_post(situation: list[str], **extra) -> dict:
    return {
        "done_on": "2026-01-05",
        "situation": situation,
        "languages": "nl",
        "notes_confidential": "on",
        **extra,
    }


@pytest.mark.parametrize("who", ["coordinator", "coalition_admin"])
def test_the_intake_form_does_not_show_health_information_to_whom_may_not_see_it(
    client, offered, who, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("coordinators:request_record_intake", args=[offered.pk]))

    # The programme the request is only offered to does not get the form at all.
    assert response.status_code == (404 if who == "coordinator" else 200)
    page = response.content.decode()
    assert Situation.PARENT_MENTAL_HEALTH.value not in page
    assert Situation.PARENT_ILLNESS.value not in page
    assert "psychological problems" not in page
    assert HEALTH_NOTE not in page
    if response.status_code == 200:
        assert "health_notes" not in response.context["form"].fields


@pytest.mark.parametrize("who", ["coordinator", "coalition_admin"])
def test_a_post_by_whom_may_not_see_it_leaves_health_information_as_stored(
    client, offered, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("coordinators:request_record_intake", args=[offered.pk])
    offer_declined(offered)

    client.post(url, intake_post(["no_network"], health_notes="overschreven"))

    offered.refresh_from_db()
    kept = "overloaded" if who == "coordinator" else "no_network"  # the receiver gets 404
    assert set(offered.situation) == {kept, Situation.PARENT_MENTAL_HEALTH}
    assert offered.health_notes == HEALTH_NOTE


def test_a_post_by_whom_may_not_see_it_cannot_set_a_special_situation(
    client, offered, coalition_admin
):
    client.force_login(coalition_admin)
    url = reverse("coordinators:request_record_intake", args=[offered.pk])

    client.post(url, intake_post(["overloaded", Situation.PARENT_ILLNESS]))

    offered.refresh_from_db()
    assert Situation.PARENT_ILLNESS not in offered.situation


def test_the_programmes_coordinator_still_sees_and_changes_it(client, offered, other_coordinator):
    client.force_login(other_coordinator)
    url = reverse("coordinators:request_record_intake", args=[offered.pk])
    offer_declined(offered)

    page = client.get(url).content.decode()
    client.post(url, intake_post(["overloaded"], health_notes=""))

    assert Situation.PARENT_MENTAL_HEALTH.value in page
    assert HEALTH_NOTE in page
    offered.refresh_from_db()
    assert offered.situation == ["overloaded"]
    assert offered.health_notes == ""


@pytest.mark.parametrize("who", ["coordinator", "coalition_admin"])
def test_the_subject_export_withholds_health_information(offered, who, request):
    export = subject_export_json(subject=offered.family, user=request.getfixturevalue(who))

    assert HEALTH_NOTE not in export
    assert Situation.PARENT_MENTAL_HEALTH.value not in json.dumps(json.loads(export))
