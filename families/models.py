"""Families who ask for support, their requests, consents and referrals."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.ages import age_on
from coalition.status_machine import StatusChange, StatusMachine
from families.querysets import FamilyQuerySet, SupportRequestQuerySet

# Unambiguous characters only: a parent may read the code aloud over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference_code() -> str:
    return "TLB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Phone call")
    WHATSAPP = "whatsapp", _("WhatsApp / text message")
    EMAIL = "email", _("Email")


class Family(models.Model):
    """A household that asks for support (the vraaggezin)."""

    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True)
    wijk = models.ForeignKey(
        "programmes.Wijk",
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="families",
    )
    languages = models.JSONField(
        _("languages spoken at home"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    needs_shared_language = models.BooleanField(
        _("needs a volunteer who speaks one of these languages"), default=False
    )
    contact_preference = models.CharField(
        _("how to reach them"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.PHONE,
    )
    contact_times = models.CharField(_("best times to call"), max_length=200, blank=True)
    excludes_pets = models.BooleanField(_("no pets (allergy or fear)"), default=False)
    excludes_smoking = models.BooleanField(_("no smoking household"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Family %(id)s (%(pc4)s)") % {"id": self.pk, "pc4": self.pc4}

    def clean(self) -> None:
        if not (len(self.pc4) == 4 and self.pc4.isdigit() and self.pc4[0] != "0"):
            raise ValidationError(
                {"pc4": _("A Dutch postcode starts with four digits (1000-9999).")}
            )


class Parent(models.Model):
    """An adult of the family; the primary contact is the one the coordinator calls."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="parents")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_primary_contact = models.BooleanField(_("primary contact"), default=True)

    class Meta:
        verbose_name = _("parent")
        verbose_name_plural = _("parents")
        ordering = ["-is_primary_contact", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        if self.is_primary_contact and not (self.phone or self.email):
            raise ValidationError(
                _("Give a phone number or an email address, so we can reach you.")
            )


class Child(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(_("first name or initial"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1990)]
    )
    birth_month = models.PositiveSmallIntegerField(
        _("birth month"), validators=[MinValueValidator(1), MaxValueValidator(12)], default=1
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["birth_year", "birth_month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_month__gte=1, birth_month__lte=12),
                name="child_birth_month_valid",
            )
        ]

    def __str__(self) -> str:
        return self.first_name

    def age_on(self, day: date) -> int:
        return age_on(birth_year=self.birth_year, birth_month=self.birth_month, day=day)

    @classmethod
    def birth_from_age(cls, age: int, today: date) -> tuple[int, int]:
        """A birth (year, month) for a child who is `age` today, when only the age is known."""
        return today.year - age, today.month


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
        indexes = [models.Index(fields=["programme", "status"])]

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


class ConsentPurpose(models.TextChoices):
    REQUEST = "request", _("Process my data to find support for my family")
    REFERRAL = "referral", _("Parents agreed that a partner refers them to the coalition")
    VOLUNTEER = "volunteer", _("Process my data as a volunteer applicant")
    SHARE_WITH_PROGRAMME = "share", _("Share the request with another programme")


class Consent(models.Model):
    """A record of consent, with the exact text version that was agreed to."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    text = models.TextField(_("text shown"))
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
    )
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    given_by = models.CharField(
        _("given by"), max_length=200, help_text=_("Who agreed, e.g. 'parent via web form'.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The partner or coordinator who recorded consent given to them."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(family__isnull=False, volunteer__isnull=True)
                    | models.Q(family__isnull=True, volunteer__isnull=False)
                ),
                name="consent_for_family_xor_volunteer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"


class Referral(models.Model):
    """A partner organisation's referral of a family, made with the parents' consent."""

    request = models.OneToOneField(
        SupportRequest, on_delete=models.CASCADE, related_name="referral"
    )
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.PROTECT, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="referrals"
    )
    reason = models.TextField(_("reason for referral"))
    advised_programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("advised programme"),
        help_text=_("Empty: the coalition decides."),
    )
    parents_agreed_on = models.DateField(_("parents agreed on"))
    consent = models.OneToOneField(Consent, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} -> {self.request}"


class ProgrammeReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ProgrammeReferral(models.Model):
    """A request passed from one programme of the coalition to another."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="programme_referrals"
    )
    from_programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="referrals_received"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        max_length=20,
        choices=ProgrammeReferralStatus.choices,
        default=ProgrammeReferralStatus.PENDING,
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_programme=models.F("to_programme")),
                name="programme_referral_to_other_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.from_programme} -> {self.to_programme}"
