"""Verified-buyer reviews: who may write, once per product, moderation, the counters, the page."""

import json
import re

import pytest
from django.urls import reverse

from catalog.models import Product, Review, ReviewStatus
from catalog.services.reviews import (
    ReviewError,
    review_create,
    review_delete,
    review_hide,
    review_publish,
)
from catalog.tests.factories import image_bytes, upload
from hurtrock.testing.factories import AdminFactory, CompleteProfileUserFactory, StaffFactory
from orders.tests.factories import order_for, stocked_product
from orders.tests.returns_helpers import bank_paid_delivered

pytestmark = pytest.mark.django_db


def buyer_of(product, *, user=None):
    order = bank_paid_delivered(items=[(product, 1)], user=user)
    return order.user


def refreshed(product):
    return Product.objects.get(pk=product.pk)


def test_a_buyer_without_a_delivered_order_cannot_review(client):
    product = stocked_product(5)
    pending = order_for(items=[(product, 1)])  # placed, never delivered
    url = reverse("catalog:review_submit", args=[product.pk])
    for user in (CompleteProfileUserFactory(), pending.user):
        client.force_login(user)
        response = client.post(url, {"rating": "5", "text": "Mantap"})
        assert response.status_code == 403
    assert not Review.objects.exists()
    client.logout()
    assert client.post(url, {"rating": "5", "text": "x"}).status_code == 302  # to sign in
    assert not Review.objects.exists()


def test_a_delivered_buyer_reviews_once_with_a_photo(client):
    product = stocked_product(5)
    user = buyer_of(product)
    client.force_login(user)
    url = reverse("catalog:review_submit", args=[product.pk])
    photo = upload("gitar.jpg", image_bytes(size=(800, 600)))
    response = client.post(url, {"rating": "4", "text": "Suara jernih", "photos": [photo]})
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == ReviewStatus.PENDING and review.photos.count() == 1
    assert client.post(url, {"rating": "5", "text": "Again"}).status_code == 403
    assert Review.objects.count() == 1


def test_a_buyer_of_a_variant_may_review_the_family():
    parent = stocked_product(5)
    variant = stocked_product(5)
    Product.objects.filter(pk=variant.pk).update(parent=parent)
    user = buyer_of(Product.objects.get(pk=variant.pk))
    assert review_create(product=parent, user=user, rating=5, text="Keren").pk


def test_the_average_and_count_follow_publish_hide_and_delete():
    product = stocked_product(20)
    reviews = [review_create(product=product, user=buyer_of(product), rating=stars, text="ok") for stars in (5, 4, 2)]
    assert refreshed(product).rating_count == 0  # pending reviews do not count
    for review in reviews:
        review_publish(review=review)
    product = refreshed(product)
    assert (product.rating_count, product.rating_total, product.rating_average) == (3, 11, 3.7)
    with pytest.raises(ReviewError):
        review_hide(review=reviews[2], reason="")
    review_hide(review=reviews[2], reason="Spam")
    assert (refreshed(product).rating_count, refreshed(product).rating_average) == (2, 4.5)
    review_delete(review=reviews[0])
    assert (refreshed(product).rating_count, refreshed(product).rating_total) == (1, 4)


def test_a_hidden_review_is_gone_from_the_page_the_cards_and_the_structured_data(client):
    product = stocked_product(5)
    review = review_create(product=product, user=buyer_of(product), rating=5, text="Rahasia")
    review_publish(review=review)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Rahasia" in page and "aggregateRating" in page
    review_hide(review=review, reason="Off topic")
    page = client.get(product.get_absolute_url()).content.decode()
    listing = client.get(reverse("catalog:product_list")).content.decode()
    assert "Rahasia" not in page and "aggregateRating" not in page
    assert 'data-rating-count="1"' not in listing


def test_the_product_page_shows_summary_distribution_filter_and_units_sold(client):
    product = stocked_product(20)
    for stars in (5, 5, 3):
        review_publish(
            review=review_create(product=product, user=buyer_of(product), rating=stars, text=f"{stars}★ text")
        )
    html = client.get(product.get_absolute_url()).content.decode()
    assert "data-rating-average>4.3" in html
    assert 'data-stars-count="5">2<' in html and 'data-stars-count="3">1<' in html
    assert "3 sold" in html or "3 terjual" in html
    filtered = client.get(product.get_absolute_url() + "?stars=3").content.decode()
    assert "3★ text" in filtered and "5★ text" not in filtered


def test_the_structured_data_is_json_naming_product_price_and_rating(client):
    product = stocked_product(5, price=4_750_000)
    review_publish(review=review_create(product=product, user=buyer_of(product), rating=4, text="</script><b>x"))
    html = client.get(product.get_absolute_url()).content.decode()
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+" id="product-structured-data">(.*?)</script>', html, re.S
    )
    assert match, "JSON-LD under the CSP nonce"
    data = json.loads(match.group(1))
    assert data["@type"] == "Product" and data["name"] == product.name
    assert data["offers"]["price"] == "4750000" and data["offers"]["priceCurrency"] == "IDR"
    assert data["aggregateRating"]["ratingValue"] == "4.0" and data["aggregateRating"]["reviewCount"] == 1


def test_staff_moderate_in_the_admin_and_the_counters_follow(client):
    product = stocked_product(5)
    review = review_create(product=product, user=buyer_of(product), rating=3, text="Lumayan")
    client.force_login(StaffFactory())
    url = reverse("admin:catalog_review_change", args=[review.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"status": "published", "hidden_reason": "", "reply": "Terima kasih!"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED and review.reply == "Terima kasih!"
    assert refreshed(product).rating_count == 1
    response = client.post(url, {"status": "hidden", "hidden_reason": "", "reply": ""})
    assert response.status_code == 200  # the form asks for a reason
    client.post(url, {"status": "hidden", "hidden_reason": "Iklan", "reply": "Terima kasih!"})
    assert refreshed(product).rating_count == 0
    buyer = CompleteProfileUserFactory()
    client.force_login(buyer)
    assert client.get(url).status_code == 302  # the admin's login page


def test_product_pages_with_reviews_keep_a_fixed_query_budget(client, django_assert_max_num_queries):
    product = stocked_product(30)
    for size in (2, 6):
        while Review.objects.filter(product=product).count() < size:
            review_publish(review=review_create(product=product, user=buyer_of(product), rating=5, text="ok"))
        with django_assert_max_num_queries(16):
            assert client.get(product.get_absolute_url()).status_code == 200
    client.force_login(AdminFactory())
    for size in (1, 5):
        with django_assert_max_num_queries(14):
            assert client.get(reverse("admin:catalog_review_changelist")).status_code == 200
