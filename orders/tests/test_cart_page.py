"""The cart page: thumbnails from one prefetch, so its cost does not grow with the lines."""

import pytest
from django.urls import reverse

from catalog.tests.factories import ProductImageFactory
from hurtrock.testing.factories import CompleteProfileUserFactory
from orders.models import CartItem
from orders.tests.factories import stocked_product

pytestmark = pytest.mark.django_db


def _cart_of(user, size):
    for _ in range(size):
        product = stocked_product(5)
        ProductImageFactory(product=product, is_main=True)
        CartItem.objects.create(user=user, product=product, quantity=1)


@pytest.mark.parametrize("size", [2, 12])
def test_cart_page_shows_thumbnails_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    user = CompleteProfileUserFactory()
    _cart_of(user, size)
    client.force_login(user)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("orders:cart")).content.decode()
    assert body.count('class="cart-thumb') == size
    assert body.count("-thumb.webp") >= size
