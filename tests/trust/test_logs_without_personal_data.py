"""Error reports and log lines do not carry what a family typed in."""

import logging

from django.test import RequestFactory

from coalition.privacy.logging import PersonalDataReporterFilter, ScrubPersonalDataFilter


def test_error_reports_hide_personal_form_fields():
    request = RequestFactory().post(
        "/hulp-vragen/",
        {
            "first_name": "Zwaantje",
            "parent-0-last_name": "Quirijnsen",
            "email": "zwaantje@example.org",
            "phone": "06-98765432",
            "situation_text": "alleen en moe",
            "health_notes": "depressie",
            "situation": "parent_mental_health",
            "postcode": "5038 AB",
            "pc4": "5038",
            "availability": "12",
        },
    )

    cleaned = PersonalDataReporterFilter().get_post_parameters(request)

    for name in (
        "first_name",
        "parent-0-last_name",
        "email",
        "phone",
        "situation_text",
        "health_notes",
        "situation",
        "postcode",
    ):
        assert cleaned[name] == "********************", name
    assert cleaned["availability"] == "12"


def test_the_project_uses_that_filter(settings):
    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER.endswith("PersonalDataReporterFilter")


def test_log_lines_lose_email_addresses_and_phone_numbers():
    record = logging.LogRecord(
        "families",
        logging.WARNING,
        __file__,
        1,
        "mail to %s failed, call %s on %s",
        ("zwaantje@example.org", "+31 6 9876 5432", "2026-11-23"),
        None,
    )

    ScrubPersonalDataFilter().filter(record)

    assert record.getMessage() == "mail to [email] failed, call [phone] on 2026-11-23"


def test_the_console_log_handler_scrubs(settings):
    assert "scrub" in settings.LOGGING["handlers"]["console"]["filters"]


def test_tracebacks_in_the_log_are_scrubbed_too(settings):
    from coalition.privacy.logging import ScrubbingFormatter

    try:
        raise ValueError("duplicate key (email)=(zwaantje@example.org) phone 06-98765432")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: /hulp-vragen/",
            (),
            sys.exc_info(),
        )

    text = ScrubbingFormatter("%(message)s").format(record)

    assert "Traceback" in text
    assert "zwaantje@example.org" not in text
    assert "06-98765432" not in text
    assert settings.LOGGING["formatters"]["plain"]["()"].endswith("ScrubbingFormatter")
