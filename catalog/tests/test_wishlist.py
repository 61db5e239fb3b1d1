"""Wishlist heart and page, back-in-stock alerts (once per buyer, after commit), price drops."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import PriceDropNotice, StockAlert, WishlistItem
from catalog.services import product_save
from catalog.services.wishlist import WishlistError, price_drop_send, stock_alert_subscribe, wishlist_toggle
from hurtrock.testing.factories import CompleteProfileUserFactory
from inventory.services import stock_adjust
from inventory.services.restock import restock_order_create, restock_order_mark_ordered, restock_receive
from inventory.tests.factories import SupplierFactory
from orders.models import CartItem
from orders.tests.factories import order_for, stocked_product

pytestmark = pytest.mark.django_db


def test_the_heart_adds_and_removes_and_the_navbar_counts(client):
    product = stocked_product(3)
    user = CompleteProfileUserFactory()
    client.force_login(user)
    url = reverse("catalog:wishlist_toggle", args=[product.pk])
    response = client.post(url, {"next": "/products/"})
    assert response.status_code == 302 and response["Location"] == "/products/"
    assert WishlistItem.objects.filter(user=user, product=product).exists()
    page = client.get(reverse("catalog:wishlist")).content.decode()
    assert f'data-wishlist-item="{product.pk}"' in page and "data-wishlist-count>1<" in page
    answer = client.post(url, HTTP_ACCEPT="application/json").json()
    assert answer == {**answer, "ok": True, "in_wishlist": False, "count": 0}


def test_visitors_are_asked_to_sign_in_and_come_back(client):
    product = stocked_product(3)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "data-wishlist-signin" in html and "next=" in html
    response = client.post(reverse("catalog:wishlist_toggle", args=[product.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not WishlistItem.objects.exists()


def test_move_to_cart_in_one_click(client):
    product = stocked_product(3)
    user = CompleteProfileUserFactory()
    wishlist_toggle(user=user, product=product)
    client.force_login(user)
    client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": "1", "from_wishlist": "1"})
    assert CartItem.objects.get(user=user, product=product).quantity == 1
    assert not WishlistItem.objects.filter(user=user).exists()


def test_the_wishlist_page_has_a_fixed_query_budget(client, django_assert_max_num_queries):
    user = CompleteProfileUserFactory()
    client.force_login(user)
    for size in (2, 8):
        while WishlistItem.objects.filter(user=user).count() < size:
            wishlist_toggle(user=user, product=stocked_product(2))
        with django_assert_max_num_queries(12):
            assert client.get(reverse("catalog:wishlist")).status_code == 200


def sold_out():
    product = stocked_product(1)
    order_for(items=[(product, 1)])
    product.refresh_from_db()
    assert product.stock_quantity == 0
    return product


def test_back_in_stock_emails_go_once_per_buyer_after_the_restock_commits(
    mailoutbox, django_capture_on_commit_callbacks, client
):
    product = sold_out()
    waiting = [CompleteProfileUserFactory() for _ in range(2)]
    for user in waiting:
        stock_alert_subscribe(user=user, product=product, language="en")
    client.force_login(waiting[0])
    assert 'data-stock-alert="waiting"' in client.get(product.get_absolute_url()).content.decode()
    restock = restock_order_create(supplier=SupplierFactory(), lines=[(product, 4, 100_000)])
    restock_order_mark_ordered(order=restock)
    line = restock.lines.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        restock_receive(order=restock, quantities={line.pk: 2}, key="r1")
        assert not mailoutbox  # not before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in waiting)
    assert all("back in stock" in m.subject for m in mailoutbox)
    assert StockAlert.objects.filter(notified_at__isnull=True).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        restock_receive(order=restock, quantities={line.pk: 2}, key="r2")  # not from zero: nobody is told again
    assert len(mailoutbox) == 2


def test_cancellation_and_adjustment_bring_stock_back_and_tell_the_buyer(
    mailoutbox, django_capture_on_commit_callbacks
):
    from orders.services import order_cancel

    product = stocked_product(1)
    order = order_for(items=[(product, 1)])
    user = CompleteProfileUserFactory()
    product.refresh_from_db()
    stock_alert_subscribe(user=user, product=product, language="id")
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, note="Changed mind")
    told = [m for m in mailoutbox if user.email in m.to]
    assert len(told) == 1 and product.name in told[0].subject
    product.refresh_from_db()
    with pytest.raises(WishlistError):
        stock_alert_subscribe(user=user, product=product)  # in stock now: just order it
    stock_adjust(product=product, quantity=-1, reason="adjustment", note="Dropped")
    stock_alert_subscribe(user=user, product=product)
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, quantity=1, reason="adjustment", note="Found one")
    assert sum(user.email in m.to for m in mailoutbox) == 2


def test_a_price_drop_emails_the_wishlist_at_most_once_a_week(mailoutbox, django_capture_on_commit_callbacks):
    product = stocked_product(3, price=5_000_000)
    fans = [CompleteProfileUserFactory() for _ in range(2)]
    for fan in fans:
        wishlist_toggle(user=fan, product=product, language="en")
    product.price = 4_500_000
    with django_capture_on_commit_callbacks(execute=True):
        product_save(product=product)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(f.email for f in fans)
    product.price = 4_000_000
    with django_capture_on_commit_callbacks(execute=True):
        product_save(product=product)
    assert len(mailoutbox) == 2  # a week has not passed
    PriceDropNotice.objects.filter(product=product).update(sent_at=timezone.now() - timedelta(days=8))
    assert price_drop_send(product_id=product.pk) == 2
