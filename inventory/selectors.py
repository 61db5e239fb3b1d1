"""Reads of the inventory: low stock, ledger checks, restock orders with their totals."""

from django.db.models import CharField, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from catalog.models import Product
from inventory.models import RestockOrder, RestockOrderLine, StockMovement, SupplierProduct


def with_preferred_supplier(queryset: QuerySet) -> QuerySet:
    """Products annotated with their preferred supplier: `preferred_supplier_id`, `preferred_supplier_name`
    and `preferred_cost` (None where no supplier is preferred)."""
    preferred = SupplierProduct.objects.filter(product=OuterRef("pk"), is_preferred=True)
    return queryset.annotate(
        preferred_supplier_id=Subquery(preferred.values("supplier_id")[:1], output_field=IntegerField()),
        preferred_supplier_name=Subquery(preferred.values("supplier__name")[:1], output_field=CharField()),
        preferred_cost=Subquery(preferred.values("cost_price")[:1], output_field=IntegerField()),
    )


def preferred_supplier_prices(*, product_ids) -> dict[int, SupplierProduct]:
    """The preferred supplier row of each product that has one, by product id (one query)."""
    rows = SupplierProduct.objects.filter(product_id__in=list(product_ids), is_preferred=True)
    return {row.product_id: row for row in rows}


def products_low_stock(*, queryset: QuerySet | None = None) -> QuerySet:
    """Active products at or under their low-stock threshold, emptiest first, with their preferred supplier.

    A parent product with variants is left out: the variants are what is sold and restocked.
    """
    base = Product.objects.all() if queryset is None else queryset
    return with_preferred_supplier(
        base.filter(is_active=True, stock_quantity__lte=F("low_stock_threshold"))
        .exclude(Exists(Product.objects.filter(parent=OuterRef("pk"))))
        .select_related("category")
        .order_by("stock_quantity", "name", "pk")
    )


def _ledger_total_subquery():
    return Coalesce(
        Subquery(
            StockMovement.objects.filter(product=OuterRef("pk"))
            .order_by()
            .values("product")
            .annotate(total=Sum("quantity"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def stock_ledger_differences() -> QuerySet:
    """Products whose stock differs from the sum of their ledger, annotated with `ledger_quantity`.

    Empty when the invariant holds; `manage.py inventory_check` reports these.
    """
    return (
        Product.objects.annotate(ledger_quantity=_ledger_total_subquery())
        .exclude(stock_quantity=F("ledger_quantity"))
        .order_by("pk")
    )


def restock_orders_with_totals() -> QuerySet:
    """Restock orders with `total_cost_sum` (whole rupiah) computed in the database."""
    line_total = (
        RestockOrderLine.objects.filter(order=OuterRef("pk"))
        .order_by()
        .values("order")
        .annotate(total=Sum(F("quantity_ordered") * F("unit_cost")))
        .values("total")
    )
    return RestockOrder.objects.select_related("supplier").annotate(
        total_cost_sum=Coalesce(Subquery(line_total), Value(0))
    )
