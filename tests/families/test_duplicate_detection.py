"""Every front door's family is compared with the families already known, after the
parent's submission, and each pair comes with its reasons in words."""

from __future__ import annotations

import pytest

from coalition.celery import app
from families.duplicates.detection import duplicates_detect
from families.duplicates.merging import duplicate_mark_not_same
from families.duplicates.reasons import reasons_text
from families.models import DuplicateCandidate, DuplicateDecision
from tests.factories import ChildFactory, FamilyFactory, ParentFactory

pytestmark = pytest.mark.django_db


def family(first, last, *, phone="", email="", pc4="5038", births=((2019, 3),)):
    fam = FamilyFactory(pc4=pc4, postcode=f"{pc4} AB")
    ParentFactory(family=fam, first_name=first, last_name=last, phone=phone, email=email)
    for year, month in births:
        ChildFactory(family=fam, birth_year=year, birth_month=month)
    return fam


def pairs():
    return {
        frozenset((c.family_id, c.other_id)): reasons_text(c.reasons)
        for c in DuplicateCandidate.objects.all()
    }


def test_the_same_phone_in_another_format_is_found(db):
    one = family("Anna", "Jansen", phone="06-12345678")
    two = family("Mohamed", "Jansen", phone="+31 6 1234 5678", pc4="5041", births=[(2010, 5)])

    duplicates_detect([two.pk])

    assert pairs() == {frozenset((one.pk, two.pk)): "same phone"}


def test_an_email_in_other_case_is_found():
    one = family("Anna", "Jansen", email="Anna.Jansen@Example.org")
    two = family("Sanne", "Bakker", email="anna.jansen@example.org", pc4="5041", births=[(2010, 5)])

    duplicates_detect([two.pk])

    assert list(pairs().values()) == ["same email address"]
    assert frozenset((one.pk, two.pk)) in pairs()


def test_a_typo_in_the_name_in_the_same_pc4_with_the_same_child_is_found_with_its_reasons():
    one = family("Fatima", "el Amrani", births=[(2019, 3)])
    two = family("Fatima", "el Amarni", births=[(2019, 3)])

    duplicates_detect([two.pk])

    assert pairs() == {frozenset((one.pk, two.pk)): "name 62 % alike, same PC4, child born 03-2019"}


def test_swapped_first_and_last_names_are_found():
    one = family("Anna", "Visser")
    two = family("Visser", "Anna")

    duplicates_detect([two.pk])

    assert pairs() == {frozenset((one.pk, two.pk)): "same name, same PC4, child born 03-2019"}


def test_a_family_that_moved_is_found_by_its_name_and_children():
    one = family("Olga", "Shevchenko", pc4="5038", births=[(2018, 4), (2021, 11)])
    two = family("Olga", "Shevchenko", pc4="5043", births=[(2018, 4), (2021, 11)])

    duplicates_detect([two.pk])

    assert pairs() == {
        frozenset((one.pk, two.pk)): "same name, child born 04-2018, child born 11-2021"
    }


def test_the_same_name_elsewhere_with_other_children_is_another_family():
    family("Mohamed", "Yilmaz", pc4="5038", births=[(2015, 1)])
    two = family("Mohamed", "Yilmaz", pc4="5043", births=[(2015, 1), (2020, 6)])

    duplicates_detect([two.pk])

    assert pairs() == {}


def test_neighbours_with_other_names_are_not_paired():
    family("Anna", "Jansen", births=[(2019, 3)])
    two = family("Sanne", "Bakker", births=[(2019, 3)])

    duplicates_detect([two.pk])

    assert pairs() == {}


def test_a_pair_marked_not_the_same_is_never_suggested_again():
    family("Anna", "Jansen", phone="0612345678")
    two = family("Anna", "Jansen", phone="0612345678")
    duplicates_detect([two.pk])
    duplicate_mark_not_same(candidate=DuplicateCandidate.objects.get())

    assert duplicates_detect() == 0
    assert DuplicateCandidate.objects.get().decision == DuplicateDecision.NOT_THE_SAME


def test_the_batch_run_finds_what_one_family_at_a_time_finds():
    one = family("Anna", "Jansen", phone="0612345678")
    two = family("Anna", "Jansen", phone="+31612345678")
    family("Sanne", "Bakker", phone="0687654321")

    assert duplicates_detect() == 1
    assert duplicates_detect([one.pk, two.pk]) == 0


def test_a_parents_request_is_compared_after_it_is_saved_not_while_they_wait(
    django_capture_on_commit_callbacks,
):
    from families.services import request_submit

    known = family("Anna", "Jansen", phone="06 12345678")
    kwargs = {
        "first_name": "Anna",
        "phone": "+31 6 12345678",
        "email": "",
        "contact_preference": "phone",
        "contact_times": "",
        "postcode": "5038 AB",
        "children": [("Tim", 6)],
        "situation": ["overloaded"],
        "situation_text": "",
        "programme": None,
        "availability": 0,
        "languages": [],
        "needs_shared_language": False,
        "language": "nl",
        "consent_text": "Ik geef toestemming.",
        "consent_version": "2026-01",
    }
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            submitted = request_submit(**kwargs)
        assert not DuplicateCandidate.objects.exists()  # not during the submission
        for callback in callbacks:
            callback()
    finally:
        app.conf.task_always_eager = False

    candidate = DuplicateCandidate.objects.get()
    assert {candidate.family_id, candidate.other_id} == {known.pk, submitted.request.family_id}
    assert reasons_text(candidate.reasons).startswith("same phone")
