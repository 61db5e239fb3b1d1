"""The holes of the signed-in page cache (hurtrock/personal.py): what a cached template may show
of the visitor outside them, and the holes kept per buyer (rendered once, read again after a change,
never kept past the buyer's badges)."""

import re
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalog.tests.factories import ProductFactory, ProductImageFactory
from hurtrock import personal
from hurtrock.pagecache import page_cache_version
from hurtrock.tests.test_page_cache_signed_in import _buyer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def product():
    return ProductImageFactory(product=ProductFactory(name="Ibanez RG550 Genesis", stock_quantity=4)).product


CACHED_TEMPLATES = [
    "base.html",
    "hurtrock/home.html",
    "catalog/product_list.html",
    "catalog/product_detail.html",
    "catalog/product_family.html",
    "catalog/search.html",
    "catalog/partials/*.html",
    "partials/footer.html",
    "partials/navbar.html",
]
HOLES = {
    "partials/nav_badges.html",
    "partials/nav_account.html",
    "partials/messages.html",
    "chat/partials/widget_slot.html",
}
VISITOR = re.compile(
    r"\b(user|perms|messages|cart_count|wishlist_ids|wishlist_count|in_wishlist|stock_alert|can_review)\b"
)
SWITCHED = re.compile(r"{% personal_switch .*?{% endpersonal_switch %}", re.DOTALL)


def test_cached_templates_show_nothing_of_the_visitor_outside_holes_and_switches():
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "templates"
    paths = sorted({path for pattern in CACHED_TEMPLATES for path in root.glob(pattern)})
    assert len(paths) > 10
    for path in paths:
        source = SWITCHED.sub("", path.read_text())
        source = re.sub(r"{#.*?#}", "", source)
        source = source.replace("user.is_authenticated", "")  # the same for every buyer sharing a copy
        source = re.sub(r"{% personal \"[^\"]+\" %}", "", source)
        found = [m.group() for m in VISITOR.finditer(source) if not source[: m.start()].endswith(("review.", "'", '"'))]
        assert not found, f"{path.relative_to(root)} shows {found} outside a hole or switch"
    for hole in HOLES:
        assert (root / hole).exists()


def test_kept_holes_are_reused_across_pages_and_read_again_after_a_change(product, django_assert_max_num_queries):
    from django.template import engines

    client, user = _buyer("Ayudia")
    client.get("/products/")
    client.get("/")  # both copies stored
    assert client.get("/products/")["X-Page-Cache"] == "hit"  # the buyer's own parts rendered and kept
    rendered = []
    backend = engines["django"].engine
    original = backend.get_template

    def counting(name, *args, **kwargs):
        rendered.append(name)
        return original(name, *args, **kwargs)

    backend.get_template = counting
    try:
        assert client.get("/products/")["X-Page-Cache"] == "hit"
        assert client.get("/")["X-Page-Cache"] == "hit"
        kept_now = [name for name in rendered if name in personal.KEPT_HOLES]
        assert kept_now == [], "a kept hole is rendered once per buyer, not on every page"
    finally:
        backend.get_template = original

    type(user).objects.filter(pk=user.pk).update(name="Wulan")  # the account menu's name
    html = client.get("/").content.decode()
    assert "Wulan" in html and "Ayudia" not in html
    logout_url = reverse("account_logout")
    token = re.search(
        rf'action="{logout_url}">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', html
    )
    logout = client.post(logout_url, {"csrfmiddlewaretoken": token.group(1)})
    assert logout.status_code == 302, "the kept account menu carries this request's working token"


def test_a_kept_hole_expires_with_the_buyers_badges_not_later(product):
    """Keeping a new state does not extend the entry: the chat widget's "open now" ends on time."""
    from hurtrock import pagecache

    client, user = _buyer("Ayudia")
    client.get("/products/")
    client.get("/products/")
    key = pagecache._buyer_key(type("Request", (), {"user": user})(), page_cache_version())
    stored = cache.get(key)
    assert any(kept_id.startswith("h:en:") for kept_id in stored["kept"])
    assert time.time() < stored["until"] <= time.time() + 60

    pagecache._buyer_data_keep(key, {**stored, "until": time.time() - 1}, {"h:en:later": "x"})
    assert "h:en:later" not in cache.get(key)["kept"], "past its time: not written again"
    pagecache._buyer_data_keep(key, stored, {"h:en:later": "x"})
    assert cache.get(key)["kept"] == {"h:en:later": "x"} and cache.get(key)["until"] == stored["until"]
