"""Which situations of a family each programme is meant for: data the coalition
office keeps in the admin, read by `matching.programme_fit` at triage."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from families.models import Situation


class SituationFit(models.Model):
    """`programme` is meant for families in `situation`; `weight` 3 is what the
    programme is made for, 1 a situation it also helps with."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="situation_fits"
    )
    # Not named `situation`: this is programme data, not a family's health information.
    fits_situation = models.CharField(_("situation"), max_length=30, choices=Situation.choices)
    weight = models.PositiveSmallIntegerField(
        _("how well it fits"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        app_label = "matching"
        ordering = ["programme", "-weight", "fits_situation"]
        verbose_name = _("situation a programme fits")
        verbose_name_plural = _("situations programmes fit")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "fits_situation"], name="one_fit_per_situation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_fits_situation_display()} ({self.weight})"
