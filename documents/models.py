"""Documents kept with a family, a request, a match or a volunteer: agreements,
signed consent forms, intake reports. Every upload is a new version; the old ones
stay until the document's retention period ends or its subject is erased.

This room sits just above matching, so its rows point at the records they hang
on with plain foreign keys: the privacy room's relation walk then finds them when
the family or the volunteer is exported or erased, without being told.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.querysets import DocumentQuerySet


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Cooperation agreement (samenwerkingsovereenkomst)")
    CONSENT_FORM = "consent_form", _("Signed consent form")
    INTAKE_REPORT = "intake_report", _("Intake report")
    OTHER = "other", _("Other document")


class DocumentRetention(models.Model):
    """How long documents of one kind are kept after their last upload, once the
    record they hang on is closed (data: the administrator changes it in the admin)."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, unique=True)
    days = models.PositiveIntegerField(_("kept for (days)"))
    reason = models.TextField(_("why this long"), blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention period of a document kind")
        verbose_name_plural = _("retention periods of document kinds")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days}"


# The records a document can hang on, in the order a page names them.
TARGETS = ("family", "request", "match", "volunteer")


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    special_category = models.BooleanField(
        _("holds health information"),
        default=False,
        help_text=_(
            "Only the coordinators who may see the health information of the request see it."
        ),
    )
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    request = models.ForeignKey(
        "families.SupportRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    match = models.ForeignKey(
        "matching.Match", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The moment of the newest version: retention counts from it.
    last_uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-last_uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(family__isnull=False, request=None, match=None, volunteer=None)
                    | Q(family=None, request__isnull=False, match=None, volunteer=None)
                    | Q(family=None, request=None, match__isnull=False, volunteer=None)
                    | Q(family=None, request=None, match=None, volunteer__isnull=False)
                ),
                name="document_hangs_on_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def target(self) -> tuple[str, models.Model]:
        """(name, record) of what the document hangs on."""
        for name in TARGETS:
            if getattr(self, f"{name}_id"):
                return name, getattr(self, name)
        raise ValueError("a document without a record")


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    # Sniffed from the first bytes, never taken from the browser.
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="one_document_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
