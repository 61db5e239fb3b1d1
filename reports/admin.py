"""Sales reports in the admin: request one (form), follow its progress (list), download it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.forms import SalesReportForm
from reports.models import ReportFormat, ReportStatus, SalesReport
from reports.performance_views import product_performance_page
from reports.services import ReportError, sales_report_request

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@admin.register(SalesReport)
class SalesReportAdmin(admin.ModelAdmin):
    change_list_template = "admin/reports/salesreport/change_list.html"
    list_display = ("created_at", "range_display", "grouping", "file_format", "status", "progress_display", "download")
    list_filter = ("status", "file_format")
    list_select_related = ("created_by",)
    list_per_page = 25
    list_display_links = None

    def get_queryset(self, request):
        # Never load the files into the list.
        return super().get_queryset(request).defer("content")

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("period"))
    def range_display(self, obj):
        return f"{obj.date_from:%d-%m-%Y} – {obj.date_to:%d-%m-%Y}"

    @admin.display(description=gettext_lazy("progress"))
    def progress_display(self, obj):
        return format_html(
            '<progress max="100" value="{}" aria-label="{}">{} %</progress>', obj.progress, _("progress"), obj.progress
        )

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj):
        if obj.status != ReportStatus.DONE:
            return obj.error or "—"
        url = reverse("admin:reports_salesreport_download", args=[obj.pk])
        return format_html('<a href="{}" data-download>{}</a>', url, _("Download"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/download/", wrap(self.download_view), name="reports_salesreport_download"),
            path("performance/", wrap(self.performance_view), name="reports_product_performance"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "reports_busy": SalesReport.objects.filter(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]).exists(),
        }
        return super().changelist_view(request, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SalesReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = sales_report_request(
                    user=request.user,
                    date_from=form.cleaned_data["date_from"],
                    date_to=form.cleaned_data["date_to"],
                    grouping=form.cleaned_data["grouping"],
                    file_format=form.cleaned_data["file_format"],
                )
            except ReportError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                if report.status == ReportStatus.DONE:
                    self.message_user(request, _("The report is ready: download it below."))
                else:
                    self.message_user(request, _("The report is being generated; this page shows its progress."))
                return redirect("admin:reports_salesreport_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("New sales report"),
        }
        return TemplateResponse(request, "admin/reports/salesreport/request.html", context)

    def performance_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return product_performance_page(request, self)

    def download_view(self, request, pk: int):
        report = get_object_or_404(SalesReport, pk=pk, status=ReportStatus.DONE)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        response = HttpResponse(bytes(report.content), content_type=CONTENT_TYPES[report.file_format])
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response
