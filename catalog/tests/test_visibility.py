"""One visibility rule: a product in an inactive sub-category (or under an inactive ancestor) is not
listed, found, suggested, shown, served by the API, added to a cart, counted in the badge or bought."""

import uuid

import pytest
from django.urls import reverse

from catalog.models import Category
from catalog.selectors import product_is_visible, product_visible_queryset
from catalog.tests.factories import CategoryFactory, ProductFactory
from hurtrock.testing.factories import CompleteProfileUserFactory
from orders.errors import CheckoutError
from orders.models import CartItem, PaymentMethod
from orders.services import DeliveryAddress, order_place
from orders.tests.factories import bank_account_configure, courier_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_tree():
    """Active root → inactive child → active grandchild, with a product in the grandchild."""
    root = CategoryFactory(name="Gitar", slug="gitar")
    child = CategoryFactory(name="Gitar Bass", slug="gitar-bass", parent=root)
    grandchild = CategoryFactory(name="Bass 5 Senar", slug="bass-5", parent=child)
    hidden = ProductFactory(name="Zyxwv Bass Lima", category=grandchild, stock_quantity=5)
    shown = ProductFactory(name="Zyxwv Gitar Tampil", category=root, stock_quantity=5)
    Category.objects.filter(pk=child.pk).update(is_active=False)
    return hidden, shown


def test_the_rule_follows_every_ancestor(hidden_tree):
    hidden, shown = hidden_tree
    assert set(product_visible_queryset().values_list("pk", flat=True)) == {shown.pk}
    assert not product_is_visible(product_id=hidden.pk)
    assert product_is_visible(product_id=shown.pk)


def test_list_search_autocomplete_detail_and_api_hide_it(client, hidden_tree):
    hidden, shown = hidden_tree
    listing = client.get(reverse("catalog:product_list")).content.decode()
    assert shown.name in listing and hidden.name not in listing
    found = client.get(reverse("catalog:search"), {"q": "Zyxwv"}).content.decode()
    assert shown.name in found and hidden.name not in found
    names = [row["name"] for row in client.get(reverse("catalog:autocomplete"), {"q": "Zyxwv"}).json()["results"]]
    assert shown.name in names and hidden.name not in names
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("catalog:product_api", args=[hidden.pk])).status_code == 404


def test_cart_badge_and_checkout_refuse_it(client, hidden_tree):
    hidden, shown = hidden_tree
    user = CompleteProfileUserFactory()
    client.force_login(user)
    assert client.post(reverse("orders:cart_add", args=[hidden.pk]), {"quantity": 1}).status_code == 404
    # A line added while the category was still active: not counted, not shown, not bought.
    CartItem.objects.create(user=user, product=hidden, quantity=2)
    client.post(reverse("orders:cart_add", args=[shown.pk]), {"quantity": 1})
    page = client.get(reverse("orders:cart"))
    assert page.context["cart_count"] == 1
    assert hidden.name not in page.content.decode()
    destination, service = courier_setup()
    bank_account_configure()
    with pytest.raises(CheckoutError):
        order_place(
            user=user,
            lines=[(hidden.pk, 1)],
            address=DeliveryAddress.from_profile(user),
            destination=destination,
            service=service,
            payment_method=PaymentMethod.BANK_TRANSFER,
            idempotency_key=uuid.uuid4(),
            language="id",
        )


def test_visitor_badge_does_not_count_hidden_products(client, hidden_tree):
    hidden, shown = hidden_tree
    client.post(reverse("orders:cart_add", args=[shown.pk]), {"quantity": 1})
    session = client.session
    session["cart"] = {**session["cart"], str(hidden.pk): 3}
    session.save()
    assert client.get(reverse("orders:cart")).context["cart_count"] == 1


def test_switching_a_family_off_hides_every_variant(client):
    from catalog.models import Product
    from catalog.tests.factories_variants import family_create

    parent, children = family_create(size=2, stocks=[4, 4], name="Zyxwv Stratocaster")
    Product.objects.filter(pk=parent.pk).update(is_active=False)

    assert not any(product_is_visible(product_id=child.pk) for child in children)
    assert client.get(children[0].get_absolute_url()).status_code == 404
    assert "Zyxwv" not in client.get(reverse("catalog:search"), {"q": "zyxwv"}).content.decode()
    added = client.post(reverse("orders:cart_add", args=[children[0].pk]), {"quantity": "1"})
    assert added.status_code == 404

    Product.objects.filter(pk=parent.pk).update(is_active=True)
    assert all(product_is_visible(product_id=child.pk) for child in children)
