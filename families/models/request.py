"""A family's request for support: what is going on, its status and its history."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.status_machine import StatusChange, StatusMachine
from families.models.family import Child, Family
from families.querysets import SupportRequestQuerySet

# Unambiguous characters only: a parent may read the code aloud over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference_code() -> str:
    return "TLB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Situation(models.TextChoices):
    OVERLOADED = "overloaded", _("I am tired or it is too much for me")
    NO_NETWORK = "no_network", _("I have no family or friends nearby who can help")
    NEW_IN_NL = "new_in_nl", _("We are new in the Netherlands or in Tilburg")
    SINGLE_PARENT = "single_parent", _("I raise my children alone")
    PARENTING = "parenting", _("I have questions about raising my children")
    CHILD_ATTENTION = "child_attention", _("My child needs extra attention")
    MONEY_HOUSING = "money_housing", _("Worries about money or housing")
    PARENT_ILLNESS = "parent_illness", _("A parent is ill")
    PARENT_MENTAL_HEALTH = "parent_mental_health", _("A parent has psychological problems")
    OTHER = "other", _("Something else")


# Health data is special-category (AVG art. 9): kept out of lists, exports,
# emails and reports, and shown only to the coordinators of the programme.
SPECIAL_CATEGORY_SITUATIONS = frozenset({Situation.PARENT_ILLNESS, Situation.PARENT_MENTAL_HEALTH})


class RequestSource(models.TextChoices):
    SELF = "self", _("The family itself")
    PARTNER = "partner", _("Partner organisation")
    PROGRAMME = "programme", _("Another programme of the coalition")


class HelperKind(models.TextChoices):
    """Who filled in the request together with the parent, from the partner area.
    A language ambassador (taalambassadeur) is a partner-organisation user too: how
    they helped is recorded per request, as one person may help in both ways."""

    PARTNER = "partner", _("A professional of a partner organisation")
    LANGUAGE_AMBASSADOR = "language_ambassador", _("A language ambassador (taalambassadeur)")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    INTAKE_PLANNED = "intake_planned", _("Intake planned")
    INTAKE_DONE = "intake_done", _("Intake done")
    WAITING_FOR_MATCH = "waiting", _("Waiting for a match")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFERRED_ELSEWHERE = "referred", _("Referred elsewhere")


OPEN_REQUEST_STATUSES = frozenset(
    {
        RequestStatus.NEW,
        RequestStatus.INTAKE_PLANNED,
        RequestStatus.INTAKE_DONE,
        RequestStatus.WAITING_FOR_MATCH,
        RequestStatus.MATCHED,
    }
)
_ENDINGS = frozenset(
    {RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.REFERRED_ELSEWHERE}
)
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.NEW: frozenset({RequestStatus.INTAKE_PLANNED, RequestStatus.INTAKE_DONE})
    | _ENDINGS,
    RequestStatus.INTAKE_PLANNED: frozenset({RequestStatus.INTAKE_DONE}) | _ENDINGS,
    RequestStatus.INTAKE_DONE: frozenset({RequestStatus.WAITING_FOR_MATCH}) | _ENDINGS,
    RequestStatus.WAITING_FOR_MATCH: frozenset({RequestStatus.MATCHED}) | _ENDINGS,
    # A match that ends early sends the family back to the waiting list.
    RequestStatus.MATCHED: frozenset({RequestStatus.WAITING_FOR_MATCH}) | _ENDINGS,
    # A closed request comes back when its ended match is re-opened.
    RequestStatus.CLOSED: frozenset({RequestStatus.MATCHED, RequestStatus.WAITING_FOR_MATCH}),
    RequestStatus.WITHDRAWN: frozenset(),
    RequestStatus.REFERRED_ELSEWHERE: frozenset(),
}


class SupportRequest(StatusMachine, models.Model):
    """A family's request for informal support, from first contact to closure."""

    reference_code = models.CharField(
        _("reference code"), max_length=12, unique=True, default=new_reference_code, editable=False
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="requests")
    children = models.ManyToManyField(
        Child, related_name="requests", blank=True, verbose_name=_("children concerned")
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        help_text=_("Empty while the family asked for help choosing: the central intake queue."),
    )
    help_me_choose = models.BooleanField(_("asked for help choosing"), default=False)
    # "Bel mij terug": a first name, a phone number, a language and a time to call.
    # The coordinator asks the rest on the phone and completes the request (or closes it).
    call_back = models.BooleanField(_("waits to be called back"), default=False)
    # Filled in together with the parent, from the partner area.
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filled in together with"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helped_requests",
    )
    helped_as = models.CharField(
        _("helped as"), max_length=20, choices=HelperKind.choices, blank=True
    )
    situation = models.JSONField(_("what is going on"), default=list, blank=True)
    situation_text = models.TextField(_("in their own words"), blank=True)
    health_notes = models.TextField(
        _("health notes (special category)"),
        blank=True,
        help_text=_("Only for the coordinators of the programme that needs it."),
    )
    availability = models.PositiveIntegerField(
        _("dagdelen that suit the family"), default=0, help_text=_("Week grid bitmask.")
    )
    language = models.CharField(
        _("language of the request"), max_length=8, default="nl", help_text=_("Used to contact.")
    )
    source = models.CharField(
        _("source"), max_length=20, choices=RequestSource.choices, default=RequestSource.SELF
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.NEW,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_requests",
    )
    # When the family first joined the waiting list. A family that waits again
    # after an early ending keeps this date: the queue stays fair to them.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    intake_planned_for = models.DateTimeField(_("intake planned for"), null=True, blank=True)
    intake_done_on = models.DateField(_("intake done on"), null=True, blank=True)
    matched_on = models.DateField(_("matched on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Only a hash of the parent's private status link is kept: a leaked
    # database does not give anyone access to a family's status page.
    status_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    status_token_revoked_at = models.DateTimeField(null=True, blank=True)
    # Idempotency key from the form: a double tap on "send" creates one request.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    status_transitions = REQUEST_TRANSITIONS
    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            # Today's work lists the oldest requests of one status across programmes
            # (the intake queue included): without it PostgreSQL walks every request.
            models.Index(fields=["status", "created_at"], name="request_status_received"),
        ]

    def __str__(self) -> str:
        return self.reference_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    @property
    def in_intake_queue(self) -> bool:
        return self.programme_id is None

    def clean(self) -> None:
        unknown = set(self.situation) - set(Situation.values)
        if unknown:
            raise ValidationError({"situation": _("Unknown situation: %s") % ", ".join(unknown)})
        if (
            self.programme_id is None
            and not self.help_me_choose
            and self.status
            in (
                RequestStatus.WAITING_FOR_MATCH,
                RequestStatus.MATCHED,
            )
        ):
            raise ValidationError(_("Choose a programme before the family waits for a match."))


class RequestStatusChange(StatusChange):
    """One step in a request's history: who moved it, when, and why."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices)
    # A move to another programme is a step of its own: the status stays as it
    # was (from_status == to_status) and these say where the request went.
    from_programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A hand-over to another coordinator is a step of its own too: the status
    # stays, this says who is responsible from now on (the reason holds the note).
    to_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
