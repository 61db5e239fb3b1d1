"""Requesting and generating sales reports.

Short ranges (up to REPORTS_SYNC_MAX_DAYS) are generated while the staff member waits; longer ones
are queued as a django.tasks task (after the request's transaction commits) that reports its
progress on the row; the admin list shows it and offers the download when ready.
"""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import PaymentMethod
from reports import selectors
from reports.models import ReportFormat, ReportStatus, SalesReport
from reports.selectors import Period

logger = logging.getLogger(__name__)


class ReportError(Exception):
    pass


def _sync_max_days() -> int:
    return int(getattr(settings, "REPORTS_SYNC_MAX_DAYS", 31))


def report_data(*, period: Period, grouping: str) -> dict:
    """Every aggregate the two formats show (a fixed number of queries whatever the orders)."""
    return {
        "summary": selectors.sales_summary(period),
        "periods": selectors.sales_by_period(period, grouping),
        "top_products": selectors.top_products(period),
        "top_categories": selectors.top_categories(period),
        "payment_method": selectors.split_by(period, "payment_method"),
        "shipping_courier": selectors.split_by(period, "shipping_courier"),
        "payment_labels": dict(PaymentMethod.choices),
        "performance": list(selectors.product_performance(period)),
        "has_discount": selectors._has_discount(),  # noqa: SLF001
    }


def sales_report_request(*, user, date_from, date_to, grouping: str, file_format: str) -> SalesReport:
    """Record the request; generate now for a short range, else queue the task."""
    if date_to < date_from:
        raise ReportError(_("The end date is before the start date."))
    if file_format not in ReportFormat.values:
        raise ReportError(_("Unknown format."))
    report = SalesReport.objects.create(
        date_from=date_from, date_to=date_to, grouping=grouping, file_format=file_format, created_by=user
    )
    if (date_to - date_from).days + 1 <= _sync_max_days():
        sales_report_generate(report_id=report.pk)
        report.refresh_from_db()
    else:
        from reports.tasks import sales_report_generate_task

        transaction.on_commit(lambda: sales_report_generate_task.enqueue(report.pk))
    return report


def _progress(report_id: int, percent: int) -> None:
    SalesReport.objects.filter(pk=report_id).update(progress=min(percent, 100))


def sales_report_generate(*, report_id: int) -> SalesReport:
    """Build the file and store it on the row (status running → done, or failed with the error)."""
    from reports.excel import sales_report_xlsx
    from reports.pdf import sales_report_pdf

    updated = SalesReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=5
    )
    report = SalesReport.objects.get(pk=report_id)
    if not updated:
        return report  # already generated (a task delivered twice)
    started = time.monotonic()
    period = Period(report.date_from, report.date_to)
    try:
        data = report_data(period=period, grouping=report.grouping)
        _progress(report_id, 15)
        progress = lambda percent: _progress(report_id, percent)  # noqa: E731
        if report.file_format == ReportFormat.PDF:
            content = sales_report_pdf(period=period, grouping=report.grouping, data=data, progress=progress)
        else:
            content = sales_report_xlsx(
                period=period,
                data=data,
                orders=selectors.order_rows(period),
                lines=selectors.line_rows(period),
                progress=progress,
            )
    except Exception as error:  # the row says what failed; the log has the traceback
        logger.exception("sales report %s failed", report_id)
        SalesReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        report.refresh_from_db()
        return report
    filename = f"sales-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}.{report.file_format}"
    SalesReport.objects.filter(pk=report_id).update(
        status=ReportStatus.DONE,
        progress=100,
        content=content,
        filename=filename,
        seconds=round(time.monotonic() - started, 2),
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report
