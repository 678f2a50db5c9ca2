"""A family: the household, its parents and its children."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.programmes.ages import age_on
from families.querysets import FamilyQuerySet


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Phone call")
    WHATSAPP = "whatsapp", _("WhatsApp / text message")
    EMAIL = "email", _("Email")


class Family(models.Model):
    """A household that asks for support (the vraaggezin)."""

    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    # Empty only while a call-back request waits for the call that asks it.
    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True, blank=True)
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
    # Set while this family is folded into another one (a merge that can be undone):
    # it holds nothing any more, and comes back as it was when the merge is undone.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_families",
    )

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Family %(id)s (%(pc4)s)") % {"id": self.pk, "pc4": self.pc4}

    def clean(self) -> None:
        if self.pc4 and not (len(self.pc4) == 4 and self.pc4.isdigit() and self.pc4[0] != "0"):
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
