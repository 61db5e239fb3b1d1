"""Background work of the orders app (django.tasks): e-mails and the expiry of unpaid orders."""

from django.tasks import task


@task
def order_email_send_task(order_id: int, kind: str) -> None:
    from orders.services.emails import order_email_send

    order_email_send(order_id=order_id, kind=kind)


@task
def order_expire_if_unpaid_task(order_id: int) -> bool:
    """Scheduled at placement for the payment deadline (on backends that can defer a task)."""
    from orders.services.expiry import order_expire_if_unpaid

    return order_expire_if_unpaid(order_id=order_id)


@task
def orders_expire_unpaid_task() -> int:
    """Expire every overdue unpaid order; the cron-friendly twin of `manage.py expire_unpaid_orders`."""
    from orders.services.expiry import orders_expire_unpaid

    return orders_expire_unpaid()


@task
def return_email_send_task(return_id: int, status: str) -> None:
    from orders.services.return_emails import return_email_send

    return_email_send(return_id=return_id, status=status)
