"""Background work of the payments app (django.tasks): reconciliation and staff alerts."""

from django.tasks import task


@task
def payments_reconcile_task() -> dict:
    """Schedule every few minutes (the twin of `manage.py payments_reconcile`)."""
    from payments.services import payments_reconcile

    return dict(payments_reconcile())


@task
def payments_staff_alert_task(subject: str, body: str) -> None:
    from django.conf import settings
    from django.core.mail import send_mail

    from payments.services.alerts import staff_recipients

    recipients = staff_recipients()
    if recipients:
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
