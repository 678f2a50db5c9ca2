"""The instrument registry: questionnaires as data, with their licence.

An instrument holds its items, its answer scale, its scored scales (the total
and any subscales, each with its missing-item rule, reliability and cut-off) and
when each programme administers it. Item texts are stored per language; a
licensed instrument's texts come from the licence holder's file
(`manage.py instrument_import`), never from this repository.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("nl", "en", "ar", "tr", "pl", "uk")


def in_language(texts: dict, language: str | None = None) -> str:
    """A text of a {language: text} mapping: the asked language, else Dutch, else any."""
    language = (language or get_language() or "nl")[:2]
    return texts.get(language) or texts.get("nl") or next(iter(texts.values()), "")


class LicenceStatus(models.TextChoices):
    FREE = "free", _("Free to use")
    LICENSED = "licensed", _("Licence granted")
    PENDING = "pending", _("Licence requested, not yet granted")
    EXPIRED = "expired", _("Licence expired")
    NONE = "none", _("No licence")


class Moment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSURE = "closure", _("Closure")


class Method(models.TextChoices):
    SUM = "sum", _("Sum of the items")
    MEAN = "mean", _("Mean of the items")


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=120)
    licence_holder = models.CharField(_("licence holder"), max_length=120)
    licence_status = models.CharField(
        _("licence status"), max_length=10, choices=LicenceStatus.choices
    )
    licence_statement = models.TextField(_("licence statement"), blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    electronic_allowed = models.BooleanField(
        _("electronic administration allowed"),
        default=False,
        help_text=_("Only when the licence holder authorised administration on a screen."),
    )
    cutoffs_licensed = models.BooleanField(
        _("cut-offs may be shown"),
        default=False,
        help_text=_("Some licences do not allow clinical cut-offs to be applied."),
    )
    languages = models.JSONField(_("languages"), default=list)
    # The answer scale: [{"value": 0, "label": {"nl": "...", ...}}, ...] in display order.
    options = models.JSONField(_("answer options"), default=list)
    # {"nl": "...", ...}: shown above the items.
    instructions = models.JSONField(_("instructions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["name", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def option_values(self) -> list[int]:
        return [option["value"] for option in self.options]

    def clean(self) -> None:
        unknown = set(self.languages) - set(LANGUAGE_CODES)
        if unknown:
            raise ValidationError({"languages": _("Unknown languages: %s") % ", ".join(unknown)})
        if not self.options:
            raise ValidationError({"options": _("An instrument needs an answer scale.")})


class Scale(models.Model):
    """A scored scale: the total (`is_total`, every item) or a subscale (its items)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scales")
    code = models.SlugField(_("code"), max_length=40)
    name = models.JSONField(_("name"), default=dict)
    is_total = models.BooleanField(_("total score"), default=False)
    method = models.CharField(_("method"), max_length=4, choices=Method.choices)
    max_missing = models.PositiveSmallIntegerField(
        _("items that may be missing"),
        default=0,
        help_text=_("More missing items and the scale has no score."),
    )
    prorate = models.BooleanField(
        _("prorate a sum"),
        default=True,
        help_text=_("A sum with missing items is scaled up to all items."),
    )
    higher_is_better = models.BooleanField(_("a higher score is better"), default=False)
    # Reliability for the reliable change index: Cronbach's alpha or a test-retest r.
    reliability = models.FloatField(
        _("reliability (alpha or test-retest r)"), null=True, blank=True
    )
    norm_sd = models.FloatField(_("standard deviation of the norm group"), null=True, blank=True)
    cutoff = models.FloatField(
        _("clinical cut-off"),
        null=True,
        blank=True,
        help_text=_("A score at or beyond this is in the clinical range."),
    )

    class Meta:
        verbose_name = _("scale")
        verbose_name_plural = _("scales")
        ordering = ["instrument", "-is_total", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="one_scale_code"),
            models.CheckConstraint(
                condition=models.Q(reliability__isnull=True)
                | models.Q(reliability__gte=0, reliability__lt=1),
                name="reliability_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return in_language(self.name) or self.code


class Item(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.JSONField(_("text"), default=dict)
    subscale = models.ForeignKey(
        Scale, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    reverse_scored = models.BooleanField(_("reverse-scored"), default=False)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="one_item_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {in_language(self.text)}"

    @property
    def key(self) -> str:
        """How an answer refers to this item (stable across languages)."""
        return str(self.number)


class InstrumentUse(models.Model):
    """A programme administers an instrument at a moment (intake, evaluation, closure)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="uses")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="instrument_uses"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=Moment.choices)

    class Meta:
        verbose_name = _("use by a programme")
        verbose_name_plural = _("uses by programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "programme", "moment"], name="one_use_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} · {self.programme} · {self.get_moment_display()}"
