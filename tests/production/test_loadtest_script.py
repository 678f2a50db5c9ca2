"""The pieces of scripts/loadtest.py that can be checked without running load."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import Resolver404, resolve

from scripts.loadtest import cpu_ms_used, page_form, totp_now

LAYOUT_WITH_FORM = """
<form method="post" action="/i18n/setlang/"><input name="csrfmiddlewaretoken" value="t1">
  <select name="language"><option value="nl" selected>NL</option></select></form>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t2">
  <input name="pc4" value="5038"><input type="checkbox" name="consent" value="1">
  <textarea name="situation_text"></textarea><button type="submit">Send</button></form>
"""


@pytest.mark.parametrize(
    ("path", "name"),
    [("/loadtest/bare/", "loadtest_bare"), ("/loadtest/template/", "loadtest_template")],
)
def test_the_ceiling_views_exist_only_in_the_load_test_urls(path, name):
    assert resolve(path, urlconf="scripts.loadtest_urls").url_name == name
    with pytest.raises(Resolver404):
        resolve(path)


def test_it_posts_the_pages_own_form_not_the_language_switch():
    target, fields = page_form("http://127.0.0.1:8000/hulp-vragen/", LAYOUT_WITH_FORM)

    assert target == "http://127.0.0.1:8000/hulp-vragen/"
    assert fields == [("csrfmiddlewaretoken", "t2"), ("pc4", "5038"), ("situation_text", "")]


def test_a_page_with_only_the_language_switch_has_no_form_to_post():
    page = LAYOUT_WITH_FORM.split("</form>")[0] + "</form>"

    assert page_form("http://127.0.0.1:8000/hulp-vragen/", page) is None


def test_its_totp_code_is_the_one_allauth_expects():
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, 10, tzinfo=dt.UTC), tick=False):
        expected = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        assert totp_now(secret) == expected


def test_cpu_use_counts_processes_that_started_during_the_run_and_ignores_ended_ones():
    before = {101: 500, 102: 900}  # 102 is recycled during the run
    after = {101: 600, 103: 50}

    ticks_per_ms = os.sysconf("SC_CLK_TCK") / 1000
    assert cpu_ms_used(before, after) == pytest.approx(150 / ticks_per_ms)
