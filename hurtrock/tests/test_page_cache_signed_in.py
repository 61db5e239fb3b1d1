"""The page cache for signed-in buyers (issue #15): buyers share one stored copy of a storefront page,
and each of them still sees only their own name, cart, hearts, messages, chat and CSRF token."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from catalog.models import Category, Product, ProductImage
from catalog.models_reviews import WishlistItem
from catalog.tests.factories import ProductFactory, ProductImageFactory
from chat.models import ChatRoom
from hurtrock.pagecache import _key, page_cache_version
from hurtrock.roles import Role
from hurtrock.testing.factories import UserFactory
from inventory.models import StockMovement
from inventory.services.stock import stock_adjust

# Real commits: the page cache is invalidated when a write commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')
CART_BADGE = re.compile(r"data-cart-count>(\d+)<")
WISHLIST_BADGE = re.compile(r"data-wishlist-count>(\d+)<")
PAGES = ["/", "/products/", "/products/?page=1&sort=price_asc", "/search/?q=ibanez", "detail"]


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def product():
    product = ProductFactory(name="Ibanez RG550 Genesis", price=7_250_000, stock_quantity=4, is_featured=True)
    ProductImageFactory(product=product)
    return product


def _url(url: str, product) -> str:
    return product.get_absolute_url() if url == "detail" else url


def _token(client) -> str:
    return TOKEN.search(client.get("/cart/").content.decode()).group(1)  # a page never stored


def _buyer(name: str, **kwargs) -> tuple[Client, object]:
    user = UserFactory(name=name, **kwargs)
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(user)
    return client, user


def _hearts_pressed(html: str) -> set[str]:
    return set(re.findall(r'data-wishlist="(\d+)"\s+aria-pressed="true"', html))


def _stored_entry(url: str) -> dict:
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = "en"
    return cache.get(_key(request, "u", page_cache_version()))


@pytest.mark.parametrize("url", PAGES)
def test_two_buyers_share_the_page_but_each_sees_only_their_own_parts(product, url):
    # Given Ayu with a product in her wishlist, two units in her cart and a chat room, and Budi with nothing
    ayu_client, ayu = _buyer("Ayudia Lestari")
    WishlistItem.objects.create(user=ayu, product=product, price_when_added=product.price)
    ayu_room = ChatRoom.objects.create(buyer=ayu)
    assert ayu_client.post(f"/cart/add/{product.pk}/", {"quantity": "2", "csrfmiddlewaretoken": _token(ayu_client)})
    budi_client, budi = _buyer("Budi Santoso")
    url = _url(url, product)

    # When Ayu's visit stores the page and Budi's visit is served from it
    first = ayu_client.get(url)
    hit = budi_client.get(url)
    again = ayu_client.get(url)

    # Then Budi sees his own page, and Ayu still hers
    assert first["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit" and again["X-Page-Cache"] == "hit"
    budi_html, ayu_html = hit.content.decode(), again.content.decode()
    assert "Budi" in budi_html and "Ayu" not in budi_html and ayu.email not in budi_html
    assert ayu_room.name not in budi_html and ayu_room.name in ayu_html
    assert f'data-user-id="{budi.pk}"' in budi_html and f'data-user-id="{ayu.pk}"' in ayu_html
    assert CART_BADGE.search(budi_html).group(1) == "0" and CART_BADGE.search(ayu_html).group(1) == "2"
    assert WISHLIST_BADGE.search(budi_html).group(1) == "0" and WISHLIST_BADGE.search(ayu_html).group(1) == "1"
    if url != "/search/?q=ibanez" or str(product.pk) in budi_html:
        assert _hearts_pressed(budi_html) == set() and _hearts_pressed(ayu_html) == {str(product.pk)}
    assert first.content.decode().replace(ayu_room.name, "") != ""  # Ayu's own first page was whole
    assert "\x00" not in budi_html and "\x00" not in first.content.decode(), "no mark reaches a browser"


def test_the_stored_copy_holds_nothing_of_the_buyer_who_stored_it(product):
    client, user = _buyer("Ayudia Lestari")
    WishlistItem.objects.create(user=user, product=product, price_when_added=product.price)
    page = client.get("/products/")
    assert page["X-Page-Cache"] == "miss"
    entry = _stored_entry("/products/")
    stored = entry["body"] + "".join(off + on for off, on in entry["switches"].values())
    assert "Ibanez RG550 Genesis" in entry["body"]
    assert "Ayu" not in stored and user.email not in stored
    assert client.cookies["csrftoken"].value not in stored
    for token in TOKEN.findall(page.content.decode()):
        assert token not in stored, "CSRF tokens are marks in the copy"


def test_each_buyer_gets_their_own_working_csrf_token_and_nonce_on_a_hit(product):
    _buyer("Ayu")[0].get("/products/")
    client, _user = _buyer("Budi")
    hit = client.get("/products/")
    assert hit["X-Page-Cache"] == "hit"
    html = hit.content.decode()
    nonces = set(NONCE.findall(html))
    assert len(nonces) == 1 and f"'nonce-{nonces.pop()}'" in hit["Content-Security-Policy"]
    token = TOKEN.search(html).group(1)
    added = client.post(f"/cart/add/{product.pk}/", {"quantity": "1", "csrfmiddlewaretoken": token})
    assert added.status_code == 302, "the token on the hit belongs to this buyer's cookie"
    assert CART_BADGE.search(client.get("/products/").content.decode()).group(1) == "1"


def test_a_buyers_own_changes_show_at_once_without_dropping_the_copy(product):
    client, user = _buyer("Ayu")
    client.get("/products/")
    assert client.get("/products/")["X-Page-Cache"] == "hit"
    WishlistItem.objects.create(user=user, product=product, price_when_added=product.price)
    page = client.get("/products/")
    assert page["X-Page-Cache"] == "hit"
    assert _hearts_pressed(page.content.decode()) == {str(product.pk)}


def test_messages_are_shown_to_their_buyer_only_and_once(product):
    ayu_client, _ayu = _buyer("Ayu")
    budi_client, _budi = _buyer("Budi")
    ayu_client.get("/products/")
    toggled = ayu_client.post(
        reverse("catalog:wishlist_toggle", args=[product.pk]),
        {"next": "/products/", "csrfmiddlewaretoken": _token(ayu_client)},
    )
    assert toggled.status_code == 302
    with_message = ayu_client.get("/products/")
    assert with_message["X-Page-Cache"] == "hit"
    assert "alert-dismissible" in with_message.content.decode()
    assert "alert-dismissible" not in budi_client.get("/products/").content.decode()
    assert "alert-dismissible" not in ayu_client.get("/products/").content.decode(), "shown once"


def test_visitors_buyers_staff_and_languages_never_share_a_copy(product):
    buyer, user = _buyer("Ayu")
    anonymous = Client(headers={"Accept-Language": "en"}).get("/products/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert buyer.get("/products/")["X-Page-Cache"] == "miss", "a buyer never gets the visitors' copy"
    visitor_hit = Client(headers={"Accept-Language": "en"}).get("/products/").content.decode()
    assert "Ayu" not in visitor_hit and "Sign in" in visitor_hit
    assert buyer.get("/products/", HTTP_ACCEPT_LANGUAGE="id")["X-Page-Cache"] == "miss", "one copy per language"
    indonesian = buyer.get("/products/", HTTP_ACCEPT_LANGUAGE="id")
    assert indonesian["X-Page-Cache"] == "hit" and 'lang="id"' in indonesian.content.decode()
    staff = Client(headers={"Accept-Language": "en"})
    staff.force_login(UserFactory(role=Role.STAFF))
    for _ in range(2):
        assert "X-Page-Cache" not in staff.get("/products/"), "staff pages are rendered for them"


def test_signed_in_pages_outside_the_list_are_not_stored(product):
    client, _user = _buyer("Ayu")
    for url in ("/cart/", "/wishlist/", "/accounts/profile/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda p: Product.objects.filter(pk=p.pk).update(price=6_100_000), "6.100.000"),
        (lambda p: Product.objects.filter(pk=p.pk).update(name="Ibanez RG550 Road Flare"), "Road Flare"),
        (lambda p: Category.objects.filter(pk=p.category_id).update(name="Gitar Elektrik Baru"), "Gitar Elektrik Baru"),
        (
            lambda p: ProductImage.objects.filter(product=p).update(
                display="products/test/new-angle.webp", thumbnail="products/test/new-angle-thumb.webp"
            ),
            "new-angle",
        ),
        (
            lambda p: stock_adjust(product=p, quantity=-4, reason=StockMovement.Reason.ADJUSTMENT, note="damaged"),
            "Out of stock",
        ),
    ],
    ids=["price", "name", "category", "image", "stock"],
)
@pytest.mark.parametrize("url", ["/", "/products/", "detail"])
def test_a_catalog_change_is_visible_to_buyers_on_the_next_request(product, change, expected, url):
    client, _user = _buyer("Ayu")
    url = _url(url, product)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    change(product)
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert expected in fresh.content.decode()


def test_a_sale_that_starts_ends_the_stored_copy(product):
    Product.objects.filter(pk=product.pk).update(
        sale_price=5_000_000, sale_starts_at=timezone.now() + timedelta(seconds=2)
    )
    client, _user = _buyer("Ayu")
    before = client.get("/products/")
    assert before["X-Page-Cache"] == "miss" and "5.000.000" not in before.content.decode()
    assert client.get("/products/")["X-Page-Cache"] == "hit"
    time.sleep(2.5)
    after = client.get("/products/")
    assert after["X-Page-Cache"] == "miss"
    assert "5.000.000" in after.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_warm_signed_in_page_costs_a_handful_of_queries(product, url, django_assert_max_num_queries):
    ProductFactory.create_batch(30, category=product.category)
    client, _user = _buyer("Ayu")
    url = _url(url, product)
    client.get(url)
    detail = url.startswith("/product/")
    with django_assert_max_num_queries(9 if detail else 5):  # the buyer's wishlist, cart, chat room: once
        assert client.get(url)["X-Page-Cache"] == "hit"
    # session and user
    with django_assert_max_num_queries(2):  # and whether they may review is kept with them
        hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"


def test_the_back_in_stock_request_is_each_buyers_own(product):
    stock_adjust(product=product, quantity=-4, reason=StockMovement.Reason.ADJUSTMENT, note="sold out")
    url = product.get_absolute_url()
    ayu, _ = _buyer("Ayu")
    budi, _ = _buyer("Budi")
    assert 'data-stock-alert="ask"' in ayu.get(url).content.decode()
    assert 'data-stock-alert="ask"' in ayu.get(url).content.decode()  # a hit: the state is kept
    asked = ayu.post(reverse("catalog:stock_alert", args=[product.pk]), {"csrfmiddlewaretoken": _token(ayu)})
    assert asked.status_code == 302
    ayu_page, budi_page = ayu.get(url), budi.get(url)
    assert ayu_page["X-Page-Cache"] == "hit" and budi_page["X-Page-Cache"] == "hit"
    assert 'data-stock-alert="waiting"' in ayu_page.content.decode()
    assert 'data-stock-alert="ask"' in budi_page.content.decode()


def test_the_review_form_is_only_for_the_buyer_who_may_write_one():
    from hurtrock.testing.factories import CompleteProfileUserFactory
    from inventory.tests.factories import stocked_product
    from orders.models import Order
    from orders.tests.returns_helpers import bank_paid_delivered

    product = stocked_product(5, name="Ibanez RG550 Genesis")
    ayu_user = CompleteProfileUserFactory(name="Ayu")
    ayu = Client(headers={"Accept-Language": "en"})
    ayu.force_login(ayu_user)
    order = bank_paid_delivered(items=[(product, 1)], user=ayu_user)
    Order.objects.filter(pk=order.pk).update(status="shipped")  # not delivered yet
    for _ in range(2):  # stored, then a hit: "may not review" is kept with Ayu's badges
        assert "data-review-form" not in ayu.get(product.get_absolute_url()).content.decode()
    Order.objects.filter(pk=order.pk).update(status="delivered")  # an order write reads it again
    budi, _ = _buyer("Budi")
    url = product.get_absolute_url()
    budi.get(url)
    ayu_page, budi_page = ayu.get(url), budi.get(url)
    assert ayu_page["X-Page-Cache"] == "hit" and budi_page["X-Page-Cache"] == "hit"
    assert "data-review-form" in ayu_page.content.decode()
    assert "data-review-form" not in budi_page.content.decode()


# The templates of the pages kept for signed-in buyers, and the partials they include. Anything of
# the visitor in them must sit in a hole (a template rendered per request) or a switch.
def test_a_family_page_keeps_each_buyers_hearts_and_back_in_stock_request_apart():
    from catalog.tests.factories_variants import family_create

    parent, children = family_create(size=2, stocks=[0, 0], name="Fender Stratocaster")
    url = children[0].get_absolute_url()
    ayu, ayu_user = _buyer("Ayudia")
    budi, _ = _buyer("Budi")
    WishlistItem.objects.create(user=ayu_user, product=parent, price_when_added=0)
    ayu.post(reverse("catalog:stock_alert", args=[children[0].pk]), {"csrfmiddlewaretoken": _token(ayu)})
    budi.get(url)
    ayu_page, budi_page = ayu.get(url), budi.get(url)
    assert ayu_page["X-Page-Cache"] == "hit" and budi_page["X-Page-Cache"] == "hit"
    ayu_html, budi_html = ayu_page.content.decode(), budi_page.content.decode()
    assert 'data-stock-alert="waiting"' in ayu_html and 'data-stock-alert="ask"' in budi_html
    assert _hearts_pressed(ayu_html) == {str(parent.pk)} and _hearts_pressed(budi_html) == set()


def test_a_page_rendered_with_a_message_is_whole_for_its_buyer_and_stored_without_it(product):
    ayu, _ = _buyer("Ayudia")
    budi, _ = _buyer("Budi")
    ayu.post(
        reverse("catalog:wishlist_toggle", args=[product.pk]),
        {"next": "/products/", "csrfmiddlewaretoken": _token(ayu)},
    )
    first = ayu.get("/products/")  # nothing stored yet: a miss that shows Ayu's message
    html = first.content.decode()
    assert "alert-dismissible" in html and "\x00" not in html and "Ayudia" in html
    budi_html = budi.get("/products/").content.decode()
    assert "alert-dismissible" not in budi_html and "Ayudia" not in budi_html


def test_a_buyers_cart_wishlist_and_chat_room_show_on_the_next_hit(product):
    client, user = _buyer("Ayudia")
    other = ProductFactory(name="Boss DS-1", stock_quantity=3)
    for _ in range(2):
        page = client.get("/products/").content.decode()
    assert CART_BADGE.search(page).group(1) == "0" and 'data-room=""' in page
    client.post(f"/cart/add/{product.pk}/", {"quantity": "2", "csrfmiddlewaretoken": _token(client)})
    WishlistItem.objects.create(user=user, product=other, price_when_added=other.price)
    room = ChatRoom.objects.create(buyer=user)
    page = client.get("/products/")
    html = page.content.decode()
    assert page["X-Page-Cache"] == "hit"
    assert CART_BADGE.search(html).group(1) == "2" and WISHLIST_BADGE.search(html).group(1) == "1"
    assert _hearts_pressed(html) == {str(other.pk)} and f'data-room="{room.name}"' in html
    Product.objects.filter(pk=product.pk).update(is_active=False)  # no longer sold: not in the badge
    client.get("/products/")
    assert CART_BADGE.search(client.get("/products/").content.decode()).group(1) == "0"


def test_a_gzip_hit_is_each_buyers_own_page(settings, product):
    import gzip

    settings.GZIP_RESPONSES = True
    ayu, ayu_user = _buyer("Ayudia")
    WishlistItem.objects.create(user=ayu_user, product=product, price_when_added=product.price)
    budi, budi_user = _buyer("Budi")
    ayu.get("/products/", HTTP_ACCEPT_ENCODING="gzip")
    for client, user, hearts in ((budi, budi_user, set()), (ayu, ayu_user, {str(product.pk)})):
        hit = client.get("/products/", HTTP_ACCEPT_ENCODING="gzip")
        assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
        html = gzip.decompress(hit.content).decode()  # checks the CRC and length too
        plain = client.get("/products/").content.decode()
        assert re.sub(TOKEN, "", NONCE.sub("", html)) == re.sub(TOKEN, "", NONCE.sub("", plain))
        assert user.name in html and _hearts_pressed(html) == hearts and "\x00" not in html
        assert len(hit.content) < len(plain) / 3, "compressed as a whole"
        nonce = NONCE.search(html).group(1)
        assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]
        token = TOKEN.search(html).group(1)
        added = client.post(f"/cart/add/{product.pk}/", {"quantity": "1", "csrfmiddlewaretoken": token})
        assert added.status_code == 302
