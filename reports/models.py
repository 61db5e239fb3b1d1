"""A requested sales report: its parameters, progress while it is generated, and the file once done.

The file is kept in the row (a year of orders is a few megabytes) so it is served only through the
permission-checked download view, never from /media/.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grouping(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class SalesReport(models.Model):
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"), help_text=_("Inclusive; days in the store's time zone (Asia/Jakarta)."))
    grouping = models.CharField(_("grouping"), max_length=10, choices=Grouping, default=Grouping.DAY)
    file_format = models.CharField(_("format"), max_length=10, choices=ReportFormat, default=ReportFormat.PDF)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    content = models.BinaryField(_("file"), null=True, editable=False)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    seconds = models.FloatField(_("generation time (s)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("sales report")
        verbose_name_plural = _("sales reports")
        ordering = ["-created_at", "-id"]
        default_permissions = ("add", "view")
        constraints = [
            models.CheckConstraint(condition=models.Q(date_to__gte=models.F("date_from")), name="salesreport_range"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="salesreport_progress_max_100"),
        ]

    def __str__(self):
        return f"{self.date_from:%Y-%m-%d} – {self.date_to:%Y-%m-%d} ({self.file_format})"
