"""The product performance page (inside the admin, behind the reports' view permission)."""

import csv
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from catalog.models import Category
from inventory.models import Supplier
from reports.forms import PerformanceFilterForm
from reports.performance import SORTS, product_performance_rows
from reports.selectors import Period, report_lines, store_zone

DEFAULT_DEAD_DAYS = 90
PER_PAGE = 50


class _Echo:
    def write(self, value):
        return value


def product_performance_page(request, model_admin):
    form = PerformanceFilterForm(
        request.GET or None,
        category_queryset=Category.objects.order_by("name"),
        supplier_queryset=Supplier.objects.order_by("name"),
    )
    data = form.cleaned_data if form.is_valid() else {}
    date_from, date_to = form.period_dates()
    period = Period(date_from, date_to)
    dead_days = data.get("dead_days") or DEFAULT_DEAD_DAYS
    dead_before = datetime.combine(date_to - timedelta(days=dead_days), time.max, tzinfo=store_zone())
    sort = data.get("sort") or "-revenue"
    rows = product_performance_rows(
        period=period,
        category=data.get("category"),
        brand=data.get("brand", ""),
        supplier=data.get("supplier"),
        sort=sort,
    )
    if request.GET.get("export") == "csv":
        return _csv(rows, period)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    period_revenue = report_lines(period).aggregate(total=Sum("line_total", default=0))["total"]
    for row in page.object_list:  # at most PER_PAGE products: the share and the dead-stock flag
        row.share = (Decimal(row.revenue) * 100 / period_revenue).quantize(Decimal("0.1")) if period_revenue else None
        row.is_dead = row.stock_quantity > 0 and (row.last_sold is None or row.last_sold < dead_before)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Product performance"),
        "form": form,
        "page": page,
        "period": period,
        "dead_days": dead_days,
        "dead_before": dead_before,
        "sort": sort,
        "sorts": list(SORTS),
        "columns": [
            ("name", _("Product")),
            ("units", _("Units")),
            ("revenue", _("Revenue")),
            ("cost", _("Cost")),
            ("margin", _("Margin")),
            ("margin_pct", _("Margin %")),
            ("share", _("Share of revenue")),
            ("stock", _("Stock")),
            ("cover", _("Stock cover (days)")),
            ("last_sold", _("Last sold")),
        ],
        "query": query.urlencode(),
    }
    return TemplateResponse(request, "admin/reports/performance.html", context)


def _csv(rows, period):
    writer = csv.writer(_Echo())
    header = [
        _("SKU"),
        _("Product"),
        _("Brand"),
        _("Category"),
        _("Units"),
        _("Revenue"),
        _("Cost"),
        _("Margin"),
        _("Margin %"),
        _("Stock"),
        _("Stock cover (days)"),
        _("Last sold"),
    ]

    def lines():
        yield writer.writerow(header)
        for row in rows.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    row.sku,
                    row.name,
                    row.brand,
                    row.category.name if row.category_id else "",
                    row.units,
                    row.revenue,
                    int(row.cost) if row.average_cost else "",
                    int(row.margin) if row.average_cost else "",
                    row.margin_pct if row.average_cost and row.margin_pct is not None else "",
                    row.stock_quantity,
                    row.cover_days if row.cover_days is not None else "",
                    row.last_sold.astimezone(store_zone()).date().isoformat() if row.last_sold else "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="performance-{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}.csv"'
    )
    return response
