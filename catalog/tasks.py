"""Background work of the catalog (django.tasks): back-in-stock and price-drop e-mails."""

from django.tasks import task


@task
def stock_alerts_send_task(product_id: int) -> int:
    from catalog.services.wishlist import stock_alerts_send

    return stock_alerts_send(product_id=product_id)


@task
def price_drop_send_task(product_id: int) -> int:
    from catalog.services.wishlist import price_drop_send

    return price_drop_send(product_id=product_id)
