"""Product performance over a period: one annotated product query (products without sales included,
so dead stock shows), sortable and filterable; stock cover in days at the period's sales rate."""

from django.db.models import DecimalField, Exists, ExpressionWrapper, F, Max, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf

from catalog.models import Product
from catalog.selectors.categories import category_descendants_subquery
from hurtrock.dashboard import SALES_STATUSES
from inventory.models import SupplierProduct
from reports.selectors import Period

SORTS = {
    "units": "units",
    "revenue": "revenue",
    "margin": "margin",
    "margin_pct": "margin_pct",
    "stock": "stock_quantity",
    "cover": "cover_days",
    "name": "name",
    "last_sold": "last_sold",
}


def product_performance_rows(*, period: Period, category=None, brand: str = "", supplier=None, sort: str = "-revenue"):
    in_period = Q(
        order_lines__order__status__in=SALES_STATUSES,
        order_lines__order__paid_at__gte=period.start,
        order_lines__order__paid_at__lt=period.end,
    )
    money = DecimalField(max_digits=20, decimal_places=2)
    rows = (
        Product.objects.filter(is_active=True)
        .select_related("category")
        .annotate(
            units=Coalesce(Sum("order_lines__quantity", filter=in_period), 0),
            revenue=Coalesce(Sum("order_lines__line_total", filter=in_period), 0),
            last_sold=Max("order_lines__order__paid_at", filter=Q(order_lines__order__status__in=SALES_STATUSES)),
        )
        .annotate(
            cost=ExpressionWrapper(F("units") * F("average_cost"), output_field=money),
            margin=ExpressionWrapper(F("revenue") - F("units") * F("average_cost"), output_field=money),
        )
        .annotate(
            margin_pct=ExpressionWrapper(
                (F("revenue") - F("cost")) * Value(100.0) / NullIf(F("revenue"), 0),
                output_field=DecimalField(max_digits=9, decimal_places=1),
            ),
            # Days the stock lasts at this period's daily sales rate (NULL when nothing sold).
            cover_days=ExpressionWrapper(
                F("stock_quantity") * Value(period.days * 1.0) / NullIf(F("units"), 0),
                output_field=DecimalField(max_digits=12, decimal_places=1),
            ),
        )
    )
    if category is not None:
        rows = rows.filter(category_id__in=category_descendants_subquery(category_id=category.pk))
    if brand:
        rows = rows.filter(brand=brand)
    if supplier is not None:
        # Any supplier that has a price for the product (inventory.SupplierProduct), preferred or not.
        rows = rows.filter(Exists(SupplierProduct.objects.filter(product=OuterRef("pk"), supplier=supplier)))
    key = sort.lstrip("-")
    field = SORTS.get(key, "revenue")
    descending = sort.startswith("-") or key not in SORTS
    order = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return rows.order_by(order, "sku")
