"""Telling staff that a payment needs a person: an e-mail to the store's address, after commit."""

from functools import partial

from django.db import transaction


def staff_recipients() -> list[str]:
    from hurtrock.models import User
    from hurtrock.roles import Role
    from hurtrock.selectors import store_profile_get

    store_email = store_profile_get().email
    if store_email:
        return [store_email]
    return list(User.objects.filter(role=Role.ADMIN, is_active=True).values_list("email", flat=True))


def staff_alert(*, subject: str, body: str) -> None:
    from payments.tasks import payments_staff_alert_task

    transaction.on_commit(partial(payments_staff_alert_task.enqueue, subject, body))
