"""Giving a family a questionnaire of the instrument registry, and recording its answers.

Every start goes through the licence rule (`licence_refusal`): an instrument whose
licence does not allow administration on the platform is refused, with the reason
in words for the coordinator. A parent answers through a private link (no login,
only the link's hash kept) in the request's language, saving as they go; or the
coordinator enters the answers during a conversation. The invitation and one
reminder go through the outbox; the reminder is dropped once the questionnaire is
complete or the request has closed (families/reminders.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.instruments.licence import language_refusal, licence_refusal
from coalition.instruments.models import Instrument, Moment
from coalition.instruments.scoring import scores_of
from coalition.instruments.selectors import scale_specs
from coalition.notifications.services import Reminder, notifications_schedule_many
from coalition.private_links import new_link_token
from families.models import Administration, AdministrationMode, SupportRequest

# The one reminder comes this many days after the invitation, if still unanswered.
REMINDER_AFTER_DAYS = 7


def questionnaire_url(token: str) -> str:
    return settings.SITE_URL + reverse("families:questionnaire", args=[token])


def _parent_email(request: SupportRequest) -> tuple[str, str]:
    parent = request.family.parents.filter(is_primary_contact=True).exclude(email="").first()
    return (parent.email, parent.first_name) if parent else ("", "")


def _check_may_start(request: SupportRequest, instrument: Instrument, moment: str) -> None:
    refusal = licence_refusal(instrument)
    if refusal:
        raise ValidationError(refusal, code="licence")
    if not request.is_open:
        raise ValidationError(
            _("This request is closed: give the questionnaire before closing it."), code="closed"
        )
    if (
        moment != Moment.EVALUATION
        and Administration.objects.filter(
            request=request, instrument=instrument, moment=moment
        ).exists()
    ):
        raise ValidationError(
            _("This questionnaire was already given at this moment."), code="duplicate"
        )


@transaction.atomic
def administration_start(
    *, request: SupportRequest, instrument: Instrument, moment: str, mode: str, by=None
) -> tuple[Administration, str]:
    """Start a questionnaire; returns it and, for a link, the raw token (kept nowhere).
    A link is emailed to the parent with one reminder a week later."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    _check_may_start(request, instrument, moment)
    administration = Administration(
        request=request,
        instrument=instrument,
        moment=Moment(moment),
        mode=AdministrationMode(mode),
        language=request.language if request.language in instrument.languages else "nl",
        created_by=by,
    )
    token = ""
    if mode == AdministrationMode.LINK:
        refusal = language_refusal(instrument, request.language)
        if refusal:
            raise ValidationError(refusal, code="language")
        email, first_name = _parent_email(request)
        if not email:
            raise ValidationError(
                _("The parent has no email address: fill it in together during a conversation."),
                code="no_email",
            )
        token, administration.token_hash = new_link_token()
    administration.full_clean(exclude=["request", "instrument", "created_by"])
    administration.save()
    if token:
        _invitations_schedule(administration, token=token, email=email, first_name=first_name)
    return administration, token


def _invitations_schedule(
    administration: Administration, *, token: str, email: str, first_name: str
) -> None:
    now = timezone.now()
    context = {
        "questionnaire_url": questionnaire_url(token),
        "first_name": first_name,
        "reference_code": administration.request.reference_code,
    }
    notifications_schedule_many(
        Reminder(
            kind,
            due_at,
            administration,
            recipient_email=email,
            language=administration.language,
            context=context,
        )
        for kind, due_at in (
            ("questionnaire_invitation", now),
            ("questionnaire_reminder", now + timedelta(days=REMINDER_AFTER_DAYS)),
        )
    )


def _clean_answers(administration: Administration, answers: dict) -> dict[str, int]:
    instrument = administration.instrument
    keys = {item.key for item in instrument.items.all()}
    values = set(instrument.option_values)
    cleaned = {}
    for key, value in answers.items():
        if str(key) not in keys or value not in values:
            raise ValidationError(_("An answer does not fit this questionnaire."), code="answer")
        cleaned[str(key)] = value
    return cleaned


@transaction.atomic
def administration_save_answers(
    *, administration: Administration, answers: dict, finish: bool = False
) -> Administration:
    """Keep the answers given so far; `finish` (or every item answered) completes the
    questionnaire and computes its scores. A completed one is not changed again."""
    administration = Administration.objects.select_for_update().get(pk=administration.pk)
    if administration.is_complete:
        raise ValidationError(_("This questionnaire is already complete."), code="complete")
    if not administration.request.is_open:
        raise ValidationError(_("This request is closed."), code="closed")
    administration.answers = {**administration.answers, **_clean_answers(administration, answers)}
    item_count = administration.instrument.items.count()
    if finish or len(administration.answers) >= item_count:
        administration.completed_at = timezone.now()
        administration.scores = scores_of(
            administration.answers, scale_specs(administration.instrument)
        )
        # The link has done its work: it no longer opens anything.
        administration.token_hash = None
    administration.save()
    return administration
