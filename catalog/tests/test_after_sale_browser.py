"""After the sale in a real Chromium: a review with a photo, the rating summary at 360 px, the
wishlist heart, a return request; axe on each page; the JSON-LD parses."""

import json

import pytest
from playwright.sync_api import expect

from catalog.models import Review
from catalog.services.reviews import review_publish
from catalog.tests.factories import image_bytes
from conftest import login_in_browser
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory
from orders.models import ReturnRequest
from orders.tests.factories import stocked_product, verified
from orders.tests.returns_helpers import bank_paid_delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_buyer_reviews_wishes_and_returns(page, live_url, screenshot, axe_check, tmp_path):
    product = stocked_product(5, name="Boss DS-1 Distortion", price=850_000)
    buyer = verified(CompleteProfileUserFactory(name="Dewi Lestari"))
    order = bank_paid_delivered(items=[(product, 2)], user=buyer)
    picture = tmp_path / "pedal.jpg"
    picture.write_bytes(image_bytes(size=(900, 700)))

    login_in_browser(page, live_url, buyer.email, PASSWORD)

    # 1. The review form is there for a buyer whose order was delivered; she writes one with a photo.
    page.goto(f"{live_url}{product.get_absolute_url()}")
    page.check("#rating-5")
    page.fill("#review-text", "Distorsi klasik, kokoh sekali.")
    page.set_input_files("#review-photos", str(picture))
    screenshot("aftersale-01-review-form")
    axe_check("product page with the review form")
    page.click("[data-review-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    review = Review.objects.get(product=product, user=buyer)
    assert review.photos.count() == 1

    # 2. Published by staff, the summary shows at 360 px without sideways scrolling.
    review_publish(review=review)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_url}{product.get_absolute_url()}?stars=5")
    expect(page.locator("[data-rating-average]")).to_contain_text("5")
    expect(page.locator("[data-review-list] img.review-photo")).to_have_count(1)
    assert no_horizontal_overflow(page)
    data = json.loads(page.locator("#product-structured-data").text_content())
    assert data["name"] == product.name and data["offers"]["price"] == "850000"
    assert data["aggregateRating"]["ratingValue"] == "5.0"
    screenshot("aftersale-02-rating-summary-360")
    axe_check("rating summary at 360 px")

    # 3. The heart puts it on the wishlist without a reload; the navbar counts it.
    before = page.url
    with page.expect_response(lambda r: "/wishlist/toggle/" in r.url) as answer:
        page.click(f"[data-product-summary] [data-wishlist='{product.pk}']")
    assert answer.value.headers["content-type"].startswith("application/json") and page.url == before
    expect(page.locator(f"[data-product-summary] [data-wishlist='{product.pk}']")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("[data-wishlist-count]")).to_have_text("1")
    page.goto(f"{live_url}/wishlist/")
    expect(page.locator(f"[data-wishlist-item='{product.pk}']")).to_be_visible()
    assert no_horizontal_overflow(page)
    axe_check("wishlist")

    # 4. A return of one pedal, with a photo, from the order page.
    page.goto(f"{live_url}{order.get_absolute_url()}")
    page.click("[data-return-link] a")
    page.wait_for_load_state("networkidle")
    line = order.lines.get()
    page.fill(f"#qty_{line.pk}", "1")
    page.fill("#return-reason", "Kenop gain longgar.")
    page.set_input_files("#return-photos", str(picture))
    assert no_horizontal_overflow(page)
    screenshot("aftersale-03-return-form-360")
    axe_check("return request")
    page.click("[data-return-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    item = ReturnRequest.objects.get(order=order)
    assert item.lines.get().quantity == 1 and item.photos.count() == 1
    expect(page.locator("[data-timeline]")).to_contain_text("Kenop gain longgar.")
    axe_check("order page after the return request")
