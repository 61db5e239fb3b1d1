"""Reads for the back-office dashboard on the admin index: totals, sales, recent orders, stock.

Only reads, a fixed number of queries whatever the number of orders (every panel is one query),
and each panel is computed only for a user allowed to see its model. The order figures (sales
totals, the two charts, today against last week, orders by status) are the same for every user
who may see them, so they are kept in the cache for `DASHBOARD_CACHE_SECONDS` (one key per store
day). Sales are counted by the day
an order was paid (`paid_at`) in the store's time zone, for orders that stayed paid
(paid, processing, shipped, delivered): a cancelled order was refunded, an expired one never paid.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from hurtrock.models import User
from hurtrock.roles import Role
from inventory.selectors import products_low_stock
from orders.models import Order, OrderStatus

SALES_STATUSES = (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
CHART_DAYS = 30
CHART_MONTHS = 12
RECENT_ORDERS = 10
BEST_SELLERS = 5
LOW_STOCK = 10


def _store_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=_store_zone())


def store_today() -> date:
    """Today's date in the store's time zone (Asia/Jakarta), whatever the server's clock zone."""
    return timezone.localtime(timezone.now(), _store_zone()).date()


def sales_orders():
    """Orders whose money the store keeps, with a payment time."""
    return Order.objects.filter(status__in=SALES_STATUSES, paid_at__isnull=False)


def _sales_summary(today: date) -> dict[str, int]:
    """In one aggregate over the orders: today's, this month's and the same weekday last week's
    paid sales with their order counts, and the number of orders in each status (`status_<value>`)."""
    month_start = _day_start(today.replace(day=1))
    sale = Q(status__in=SALES_STATUSES, paid_at__isnull=False)
    is_today = sale & Q(paid_at__gte=_day_start(today), paid_at__lt=_day_start(today + timedelta(days=1)))
    in_month = sale & Q(paid_at__gte=month_start)
    was_week_ago = sale & Q(
        paid_at__gte=_day_start(today - timedelta(days=7)), paid_at__lt=_day_start(today - timedelta(days=6))
    )
    per_status = {f"status_{status}": Count("pk", filter=Q(status=status)) for status in OrderStatus.values}
    totals = Order.objects.aggregate(
        today=Sum("total", filter=is_today, default=0),
        today_count=Count("pk", filter=is_today),
        month=Sum("total", filter=in_month, default=0),
        month_count=Count("pk", filter=in_month),
        last_week=Sum("total", filter=was_week_ago, default=0),
        last_week_count=Count("pk", filter=was_week_ago),
        **per_status,
    )
    return {key: int(value) for key, value in totals.items()}


def _by_status(summary: dict[str, int]) -> list[tuple[str, int]]:
    return [(status, summary[f"status_{status}"]) for status in OrderStatus.values]


def _totals(summary: dict[str, int]) -> dict[str, int]:
    return {key: summary[key] for key in ("today", "today_count", "month", "month_count")}


def _versus(summary: dict[str, int], today: date) -> dict:
    figures = {key: summary[key] for key in ("today", "today_count", "last_week", "last_week_count")}
    figures["difference"] = figures["today"] - figures["last_week"]
    figures["difference_abs"] = abs(figures["difference"])
    figures["percent"] = round(figures["difference"] * 100 / figures["last_week"]) if figures["last_week"] else None
    figures["last_week_day"] = today - timedelta(days=7)
    return figures


def sales_totals(*, today: date | None = None) -> dict[str, int]:
    """Today's and this month's paid sales in whole rupiah, with their order counts (one query)."""
    return _totals(_sales_summary(today or store_today()))


def sales_vs_last_week(*, today: date | None = None) -> dict:
    """Paid sales today and on the same weekday a week ago (the whole day), with the difference in
    rupiah and, when last week sold anything, in whole percent (one query)."""
    today = today or store_today()
    return _versus(_sales_summary(today), today)


def sales_by_day(*, days: int = CHART_DAYS, today: date | None = None) -> list[tuple[date, int]]:
    """Paid sales per store-local day for the last `days` days, oldest first, days without sales as 0."""
    today = today or store_today()
    first = today - timedelta(days=days - 1)
    rows = (
        sales_orders()
        .filter(paid_at__gte=_day_start(first))
        .annotate(day=TruncDate("paid_at", tzinfo=_store_zone()))
        .order_by()
        .values("day")
        .annotate(amount=Sum("total"))
        .values_list("day", "amount")
    )
    by_day = {day: int(amount) for day, amount in rows}
    return [(first + timedelta(days=n), by_day.get(first + timedelta(days=n), 0)) for n in range(days)]


def _month_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def sales_by_month(*, months: int = CHART_MONTHS, today: date | None = None) -> list[tuple[date, int]]:
    """Paid sales per store-local calendar month for the last `months` months (this one included),
    oldest first, each month as its first day, months without sales as 0 (one query)."""
    today = today or store_today()
    this_month = today.replace(day=1)
    first = _month_back(this_month, months - 1)
    rows = (
        sales_orders()
        .filter(paid_at__gte=_day_start(first))
        .annotate(month=TruncMonth("paid_at", tzinfo=_store_zone()))
        .order_by()
        .values("month")
        .annotate(amount=Sum("total"))
        .values_list("month", "amount")
    )
    by_month = {
        (month.date() if isinstance(month, datetime) else month).replace(day=1): int(amount) for month, amount in rows
    }
    labels = [_month_back(this_month, n) for n in range(months - 1, -1, -1)]
    return [(month, by_month.get(month, 0)) for month in labels]


def orders_by_status() -> list[tuple[str, int]]:
    """Every order status with its number of orders (zero included), in the pipeline's order (one query)."""
    return _by_status(_sales_summary(store_today()))


def order_figures(*, today: date | None = None) -> dict:
    """The order panels' figures, from the cache when they were read less than
    `DASHBOARD_CACHE_SECONDS` ago (0 reads them every time)."""
    today = today or store_today()
    seconds = getattr(settings, "DASHBOARD_CACHE_SECONDS", 60)
    key = f"dashboard:orders:v1:{today.isoformat()}"
    if seconds > 0:
        figures = cache.get(key)
        if figures is not None:
            return figures
    summary = _sales_summary(today)
    by_status = _by_status(summary)
    figures = {
        "sales": _totals(summary),
        "chart": sales_by_day(today=today),
        "months": sales_by_month(today=today),
        "vs_last_week": _versus(summary, today),
        "by_status": by_status,
        "order_count": sum(count for _, count in by_status),
    }
    if seconds > 0:
        cache.set(key, figures, seconds)
    return figures


def orders_recent(*, limit: int = RECENT_ORDERS) -> list[Order]:
    """The newest orders with their customer, for the dashboard's list."""
    return list(
        Order.objects.select_related("user")
        .only("pk", "number", "total", "status", "created_at", "recipient_name", "user__email", "user__name")
        .order_by("-created_at", "-pk")[:limit]
    )


def products_best_selling(*, limit: int = BEST_SELLERS) -> list[Product]:
    """Products that sold the most units (the counter kept by the order services)."""
    return list(
        Product.objects.filter(units_sold__gt=0)
        .only("pk", "name", "sku", "units_sold")
        .order_by("-units_sold", "name", "pk")[:limit]
    )


@dataclass(frozen=True)
class Dashboard:
    """What one user may see; a panel is None when the user lacks the view permission of its model."""

    sales: dict | None
    chart: list[tuple[date, int]] | None
    months: list[tuple[date, int]] | None
    vs_last_week: dict | None
    by_status: list[tuple[str, int]] | None
    recent_orders: list[Order] | None
    order_count: int | None
    product_count: int | None
    best_sellers: list[Product] | None
    low_stock: list[Product] | None
    buyer_count: int | None

    @property
    def chart_data(self) -> dict | None:
        """The chart's numbers for `json_script` (ISO dates, whole rupiah)."""
        if self.chart is None:
            return None
        return {"labels": [day.isoformat() for day, _ in self.chart], "values": [amount for _, amount in self.chart]}

    @property
    def months_data(self) -> dict | None:
        """The 12-month chart's numbers for `json_script` (first day of each month, whole rupiah)."""
        if self.months is None:
            return None
        return {"labels": [m.isoformat() for m, _ in self.months], "values": [amount for _, amount in self.months]}

    @property
    def status_rows(self) -> list[dict] | None:
        """Orders by status with the status's label and the link to the order list filtered on it."""
        if self.by_status is None:
            return None
        changelist = reverse("admin:orders_order_changelist")
        return [
            {
                "status": status,
                "label": OrderStatus(status).label,
                "count": count,
                "url": f"{changelist}?status__exact={status}",
            }
            for status, count in self.by_status
        ]


def dashboard_for(user) -> Dashboard:
    """The dashboard panels `user` may see, read with one query per visible panel."""
    sees_orders = user.has_perm("orders.view_order")
    sees_products = user.has_perm("catalog.view_product")
    sees_users = user.has_perm("hurtrock.view_user")
    figures = order_figures() if sees_orders else {}
    return Dashboard(
        sales=figures.get("sales"),
        chart=figures.get("chart"),
        months=figures.get("months"),
        vs_last_week=figures.get("vs_last_week"),
        by_status=figures.get("by_status"),
        recent_orders=orders_recent() if sees_orders else None,
        order_count=figures.get("order_count"),
        product_count=Product.objects.filter(is_active=True).count() if sees_products else None,
        best_sellers=products_best_selling() if sees_products else None,
        low_stock=list(products_low_stock()[:LOW_STOCK]) if sees_products else None,
        buyer_count=User.objects.filter(role=Role.BUYER).count() if sees_users else None,
    )
