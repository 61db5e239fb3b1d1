"""Sales figures for a date range, all computed by the database (aggregates, no loop over orders).

An order counts on the store-local day it was paid (`paid_at` in Asia/Jakarta), if it stayed
paid (paid, processing, shipped, delivered) — the dashboard's rule. Refunds count on the day they
were requested, whatever order they belong to.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek

from hurtrock.dashboard import SALES_STATUSES
from orders.models import Order, OrderLine
from payments.models import Refund, RefundStatus
from reports.models import Grouping

TOP = 10


def store_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=store_zone())


@dataclass(frozen=True)
class Period:
    """[date_from, date_to] inclusive, as store-local days."""

    date_from: date
    date_to: date

    @property
    def start(self) -> datetime:
        return day_start(self.date_from)

    @property
    def end(self) -> datetime:
        return day_start(self.date_to + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1


def _has_discount() -> bool:
    return any(field.name == "discount" for field in Order._meta.concrete_fields)


def report_orders(period: Period):
    return Order.objects.filter(status__in=SALES_STATUSES, paid_at__gte=period.start, paid_at__lt=period.end)


def report_lines(period: Period):
    return OrderLine.objects.filter(
        order__status__in=SALES_STATUSES, order__paid_at__gte=period.start, order__paid_at__lt=period.end
    )


def sales_summary(period: Period) -> dict[str, int]:
    """Orders, units, revenue (order totals), goods, shipping, discounts, refunds, average order value."""
    sums = {
        "orders": Count("pk"),
        "revenue": Sum("total", default=0),
        "goods": Sum("subtotal", default=0),
        "shipping": Sum("shipping_cost", default=0),
    }
    if _has_discount():
        sums["discounts"] = Sum("discount", default=0)
    summary = {key: int(value or 0) for key, value in report_orders(period).aggregate(**sums).items()}
    summary.setdefault("discounts", 0)
    summary["units"] = int(report_lines(period).aggregate(units=Sum("quantity", default=0))["units"])
    summary["refunds"] = int(
        Refund.objects.filter(
            created_at__gte=period.start,
            created_at__lt=period.end,
            status__in=[RefundStatus.REQUESTED, RefundStatus.SUCCEEDED],
        ).aggregate(total=Sum("amount", default=0))["total"]
    )
    summary["average_order"] = (
        (2 * summary["revenue"] + summary["orders"]) // (2 * summary["orders"]) if summary["orders"] else 0
    )
    return summary


_TRUNC = {Grouping.DAY: TruncDate, Grouping.WEEK: TruncWeek, Grouping.MONTH: TruncMonth}


def sales_by_period(period: Period, grouping: str) -> list[dict]:
    """One row per day/week/month that had sales: start date, orders, revenue, shipping (one query)."""
    trunc = _TRUNC[Grouping(grouping)]
    rows = (
        report_orders(period)
        .annotate(bucket=trunc("paid_at", tzinfo=store_zone()))
        .order_by()
        .values("bucket")
        .annotate(orders=Count("pk"), revenue=Sum("total"), shipping=Sum("shipping_cost"))
        .order_by("bucket")
    )
    result = []
    for row in rows:
        bucket = row["bucket"]
        start = bucket.date() if isinstance(bucket, datetime) else bucket
        result.append(
            {"start": start, "orders": row["orders"], "revenue": int(row["revenue"]), "shipping": int(row["shipping"])}
        )
    return result


def top_products(period: Period, limit: int = TOP) -> list[dict]:
    return list(
        report_lines(period)
        .values("product_id", "sku", "product_name")
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"))
        .order_by("-revenue", "sku")[:limit]
    )


def top_categories(period: Period, limit: int = TOP) -> list[dict]:
    return list(
        report_lines(period)
        .values("product__category__name")
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"))
        .order_by("-revenue")[:limit]
    )


def split_by(period: Period, field: str) -> list[dict]:
    """Orders and revenue per payment method or courier."""
    return list(
        report_orders(period).values(field).annotate(orders=Count("pk"), revenue=Sum("total")).order_by("-revenue")
    )


def product_performance(period: Period):
    """Per product sold in the period: units, revenue, cost (units × average cost), margin, stock."""
    cost = ExpressionWrapper(
        F("units") * F("product__average_cost"), output_field=DecimalField(max_digits=20, decimal_places=0)
    )
    return (
        report_lines(period)
        .values(
            "product_id",
            "sku",
            "product__name",
            "product__brand",
            "product__category__name",
            "product__stock_quantity",
            "product__average_cost",
        )
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"), last_sold=Max("order__paid_at"))
        .annotate(cost=cost)
        .order_by("-revenue", "sku")
    )


def order_rows(period: Period):
    """The orders of the period as tuples for the spreadsheet (streamed with iterator())."""
    fields = ["number", "paid_at", "status", "payment_method", "shipping_courier", "subtotal", "shipping_cost"]
    if _has_discount():
        fields.append("discount")
    fields.append("total")
    return report_orders(period).order_by("paid_at", "pk").values_list(*fields, "user__email")


def line_rows(period: Period):
    return (
        report_lines(period)
        .order_by("order__paid_at", "order_id", "pk")
        .values_list("order__number", "order__paid_at", "sku", "product_name", "quantity", "unit_price", "line_total")
    )
