"""Phone numbers, email addresses and names are compared as people write them."""

from __future__ import annotations

import pytest

from families.duplicates.keys import (
    name_key,
    normalise_email,
    normalise_phone,
    similarity,
    trigrams,
)


@pytest.mark.parametrize(
    "typed",
    [
        "0612345678",
        "06-12345678",
        "06 12 34 56 78",
        "+31 6 1234 5678",
        "+31612345678",
        "0031612345678",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "٠٦١٢٣٤٥٦٧٨",
        "۰۶-۱۲۳۴۵۶۷۸",
    ],
)
def test_a_dutch_mobile_number_is_one_number_however_it_is_typed(typed):
    assert normalise_phone(typed) == "0612345678"


def test_a_landline_with_the_area_code_keeps_its_zero():
    assert normalise_phone("+31 13 123 45 67") == normalise_phone("013-1234567") == "0131234567"


def test_a_foreign_number_keeps_its_country():
    assert normalise_phone("+32 470 12 34 56") == "0032470123456"
    assert normalise_phone("+32 470 12 34 56") != normalise_phone("0470123456")


def test_too_few_digits_is_no_number():
    assert normalise_phone("12345") == ""
    assert normalise_phone("") == ""


@pytest.mark.parametrize(
    "typed",
    ["Anna.Jansen@Gmail.com", "annajansen@gmail.com", "anna.jansen+school@googlemail.com"],
)
def test_a_gmail_address_ignores_case_dots_and_tags(typed):
    assert normalise_email(typed) == "annajansen@gmail.com"


def test_dots_count_for_other_providers_but_case_does_not():
    assert normalise_email("A.Jansen@KPNmail.nl") == "a.jansen@kpnmail.nl"
    assert normalise_email("a.jansen@kpnmail.nl") != normalise_email("ajansen@kpnmail.nl")


def test_no_address_is_no_key():
    assert normalise_email("") == normalise_email("not an address") == ""


def test_swapped_first_and_last_names_are_the_same_name():
    assert name_key("Anna", "de Vries") == name_key("Vries,", "Anna de") == "anna de vries"
    assert similarity(trigrams("Anna de Vries"), trigrams("de Vries Anna")) == 1.0


def test_the_similarity_is_pg_trgms():
    # SELECT similarity('word', 'two words') gives 0.36363637 on PostgreSQL.
    assert round(similarity(trigrams("word"), trigrams("two words")), 4) == 0.3636


def test_a_typo_keeps_a_name_alike_and_another_name_is_not():
    typo = similarity(trigrams("Fatima el Amrani"), trigrams("Fatima el Amarni"))
    other = similarity(trigrams("Fatima el Amrani"), trigrams("Sanne Visser"))
    assert typo > 0.6
    assert other < 0.1
