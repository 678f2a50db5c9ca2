"""Referrals: a partner refers a family, or one programme passes a request to another."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.consent import Consent
from families.models.request import SupportRequest


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
    # The last working day to accept or decline (families.services.answer_deadline);
    # empty for referrals made before deadlines existed.
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)

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
    # A declined referral comes back to the sender as a task until they act on it.
    sender_handled_at = models.DateTimeField(null=True, blank=True)
    # The last working day for the receiving programme to answer.
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)

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
