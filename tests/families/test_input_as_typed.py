"""Phone numbers and postcodes as people really type them."""

from __future__ import annotations

import pytest
from django import forms

from families.form_fields import clean_dutch_postcode, clean_family_postcode, clean_phone_number


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("٠٦١٢٣٤٥٦٧٨", "0612345678"),  # Arabic-Indic digits
        ("۰۶ ۱۲۳۴۵۶۷۸", "06 12345678"),  # Persian digits
        ("+31 6 1234-5678", "+31 6 1234-5678"),
        ("06  12 34 56 78", "06 12 34 56 78"),
        ("０６１２３４５６７８", "0612345678"),  # full-width
    ],
)
def test_a_phone_number_in_any_digits_is_accepted(typed, kept):
    assert clean_phone_number(typed) == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("5038ab", "5038 AB"), (" 5038  ab ", "5038 AB"), ("٥٠٣٨ AB", "5038 AB"), ("5038", "5038")],
)
def test_a_postcode_is_kept_in_one_form(typed, kept):
    assert clean_dutch_postcode(typed) == kept


@pytest.mark.parametrize("typed", ["5038 ABC", "5038 AB'--", "0123 AB", "50388", "AB 5038"])
def test_a_postcode_that_is_not_one_is_refused(typed):
    with pytest.raises(forms.ValidationError):
        clean_dutch_postcode(typed)


def test_a_family_outside_tilburg_hears_where_to_go_instead():
    with pytest.raises(forms.ValidationError) as refused:
        clean_family_postcode("1011 AB")

    assert refused.value.code == "outside_area"
    assert "own municipality" in refused.value.messages[0]
    assert clean_family_postcode("5038ab") == "5038 AB"


@pytest.mark.django_db
def test_the_request_form_takes_arabic_digits_and_keeps_the_postcode_tidy(client):
    from families.models import SupportRequest
    from tests.families.request_steps import complete_request

    complete_request(client, {1: {"postcode": "٥٠٣٨ab"}, 2: {"phone": "٠٦١٢٣٤٥٦٧٨"}})

    family = SupportRequest.objects.get().family
    assert family.pc4 == "5038"
    assert family.parents.get().phone == "0612345678"


@pytest.mark.django_db
def test_the_request_form_explains_a_postcode_outside_tilburg(client):
    from tests.families.request_steps import STEP_DATA, step_url

    response = client.post(
        step_url(1), {**STEP_DATA[1], "postcode": "1011 AB"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "own municipality" in response.content.decode()
