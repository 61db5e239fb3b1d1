"""Reads for the back-office dashboard on the admin index: totals, sales, recent orders, stock.

Only reads, a fixed number of queries whatever the number of orders (every panel is one query),
and each panel is computed only for a user allowed to see its model. Sales are counted by the day
an order was paid (`paid_at`) in the store's time zone, for orders that stayed paid
(paid, processing, shipped, delivered): a cancelled order was refunded, an expired one never paid.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from catalog.models import Product
from hurtrock.models import User
from hurtrock.roles import Role
from inventory.selectors import products_low_stock
from orders.models import Order, OrderStatus

SALES_STATUSES = (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
CHART_DAYS = 30
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


def sales_totals(*, today: date | None = None) -> dict[str, int]:
    """Today's and this month's paid sales in whole rupiah, with their order counts (one query)."""
    today = today or store_today()
    day_start = _day_start(today)
    month_start = _day_start(today.replace(day=1))
    is_today = Q(paid_at__gte=day_start)
    totals = (
        sales_orders()
        .filter(paid_at__gte=month_start)
        .aggregate(
            today=Sum("total", filter=is_today, default=0),
            today_count=Count("pk", filter=is_today),
            month=Sum("total", default=0),
            month_count=Count("pk"),
        )
    )
    return {key: int(value) for key, value in totals.items()}


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


def dashboard_for(user) -> Dashboard:
    """The dashboard panels `user` may see, read with one query per visible panel."""
    sees_orders = user.has_perm("orders.view_order")
    sees_products = user.has_perm("catalog.view_product")
    sees_users = user.has_perm("hurtrock.view_user")
    return Dashboard(
        sales=sales_totals() if sees_orders else None,
        chart=sales_by_day() if sees_orders else None,
        recent_orders=orders_recent() if sees_orders else None,
        order_count=Order.objects.count() if sees_orders else None,
        product_count=Product.objects.filter(is_active=True).count() if sees_products else None,
        best_sellers=products_best_selling() if sees_products else None,
        low_stock=list(products_low_stock()[:LOW_STOCK]) if sees_products else None,
        buyer_count=User.objects.filter(role=Role.BUYER).count() if sees_users else None,
    )
