"""Order e-mails: sent after commit through the tasks framework, HTML and text, in the buyer's language."""

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from orders.models import Order
from orders.services import order_cancel, order_mark_paid, order_mark_shipped, order_transition
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db


def test_placed_paid_shipped_delivered_each_send_one_mail(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for()
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_shipped(order=order, courier="JNE", tracking_number="JNE7788990011")
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to_status="delivered")

    assert len(mailoutbox) == 4  # "processing" on the way to shipped sends nothing
    assert all(m.to == [order.email] for m in mailoutbox)
    assert all(order.number in m.subject for m in mailoutbox)
    shipped = mailoutbox[2]
    assert "JNE7788990011" in shipped.body and "JNE" in shipped.body
    html, mimetype = shipped.alternatives[0]
    assert mimetype == "text/html" and "JNE7788990011" in html
    assert order.get_tracking_url() in shipped.body and order.get_tracking_url() in html


def test_cancelled_mail_mentions_the_refund_of_a_paid_order(mailoutbox, django_capture_on_commit_callbacks):
    order = order_for()
    order_mark_paid(order=order)

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order)

    assert len(mailoutbox) == 1
    assert "mengembalikan dana" in mailoutbox[0].body  # the order was placed in Indonesian


def test_nothing_is_sent_when_the_transaction_rolls_back(mailoutbox, django_capture_on_commit_callbacks):
    order = order_for()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                order_mark_paid(order=order)
                raise RuntimeError("payment record failed")

    assert callbacks == [] and mailoutbox == []
    assert Order.objects.get(pk=order.pk).status == "pending"


@pytest.mark.parametrize("language", ["id", "en"])
def test_mails_are_rendered_in_the_buyers_language(mailoutbox, django_capture_on_commit_callbacks, language):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(language=language)

    html, _mimetype = mailoutbox[0].alternatives[0]
    assert f'<html lang="{language}">' in html
    # Django's own catalogues name the weekday of the payment deadline: "Rabu" or "Wednesday".
    with translation.override(language):
        weekday = date_format(timezone.localtime(order.payment_due_at), "l")
    with translation.override("en" if language == "id" else "id"):
        other = date_format(timezone.localtime(order.payment_due_at), "l")
    assert weekday != other
    assert weekday in mailoutbox[0].body and weekday in html
    assert other not in mailoutbox[0].body


def test_a_gift_order_greets_the_buyer_who_gets_the_mail(mailoutbox, django_capture_on_commit_callbacks):
    order = order_for()
    Order.objects.filter(pk=order.pk).update(recipient_name="Ibu Sari")  # delivered to someone else

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order)

    assert f"Halo {order.user.name}," in mailoutbox[0].body
    assert "Ibu Sari" not in mailoutbox[0].body
