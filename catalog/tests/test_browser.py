"""The storefront in a real Chromium against the real ASGI server: autocomplete by keyboard,
filters + sort + pagination kept in the URL, gallery, screenshots and axe in both themes."""

import re

import pytest
from django.db import transaction

from catalog.models import Category, Product, ProductImage
from catalog.sample_data.artwork import artwork_draw
from catalog.services.images import product_image_files_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRANDS = ["Gibson", "Jackson", "ESP LTD", "Ibanez", "Schecter"]


@pytest.fixture
def shop(asgi_server, settings):
    """40 guitars and 6 pedals with real pictures, written where the server reads media."""
    settings.MEDIA_ROOT = asgi_server.extra_env["MEDIA_ROOT"]
    gitar = Category.objects.create(name="Gitar", slug="gitar", sort_order=1)
    elektrik = Category.objects.create(name="Gitar Elektrik", slug="gitar-elektrik", parent=gitar)
    efek = Category.objects.create(name="Efek", slug="efek", sort_order=2)
    with transaction.atomic():
        guitars = [
            Product.objects.create(
                sku=f"G-{n:03d}",
                name=f"{BRANDS[n % 5]} Metal Series {n:02d}",
                slug=f"{BRANDS[n % 5].lower().replace(' ', '-')}-metal-series-{n:02d}",
                brand=BRANDS[n % 5],
                model_name=f"MS-{n:02d}",
                description="Gitar elektrik dengan pickup aktif, cocok untuk metal.",
                specifications=[["Body", "Mahogany"], ["Pickups", "EMG 81/85"]],
                price=3_000_000 + n * 250_000,
                stock_quantity=0 if n % 9 == 0 else 5,
                category=elektrik,
                is_featured=n < 4,
            )
            for n in range(40)
        ]
        pedals = [
            Product.objects.create(
                sku=f"P-{n}",
                name=f"Boss Pedal {n}",
                slug=f"boss-pedal-{n}",
                brand="Boss",
                price=1_200_000,
                stock_quantity=3,
                category=efek,
            )  # fmt: skip
            for n in range(6)
        ]
    guitar_files = product_image_files_store(product=guitars[0], image=artwork_draw("electric_guitar", 1))
    back_files = product_image_files_store(product=guitars[0], image=artwork_draw("electric_guitar", 2))
    pedal_files = product_image_files_store(product=pedals[0], image=artwork_draw("pedal", 0))
    ProductImage.objects.bulk_create(
        [ProductImage(product=p, is_main=True, sort_order=1, alt_text=p.name, **guitar_files) for p in guitars]
        + [ProductImage(product=guitars[1], is_main=False, sort_order=2, alt_text="Belakang", **back_files)]
        + [ProductImage(product=p, is_main=True, sort_order=1, **pedal_files) for p in pedals]
    )
    return {"guitar": guitars[1], "gitar": gitar}


def test_search_suggestions_are_picked_with_the_keyboard(page, live_url, shop):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/")

    search = page.locator("#nav-search-input")
    search.press_sequentially("jackson metal", delay=40)
    options = page.locator("#nav-search-input-listbox [role=option]")
    options.first.wait_for()

    assert search.get_attribute("aria-expanded") == "true"
    assert options.count() == 11  # eight products, their category and brand, and "all results"
    groups = page.locator("#nav-search-input-listbox .autocomplete-group").all_inner_texts()
    assert [text.split(": ", 1)[1] for text in groups] == ["Gitar Elektrik", "Jackson"]  # category, brand
    first_url = options.first.get_attribute("data-url")
    assert "Jackson" in options.first.inner_text()
    assert options.first.locator("img").get_attribute("src").endswith(".webp")

    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    search.press("ArrowDown")
    search.press("ArrowUp")
    search.press("Enter")

    page.wait_for_url(re.compile(re.escape(live_url + first_url) + "$"))
    assert page.locator("h1").inner_text().startswith("Jackson Metal Series")


def test_escape_closes_suggestions_and_enter_searches(page, live_url, shop):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/")
    search = page.locator("#nav-search-input")
    search.press_sequentially("boss", delay=40)
    page.locator("#nav-search-input-listbox [role=option]").first.wait_for()

    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    search.press("Enter")

    page.wait_for_url(re.compile(r"/search/\?q=boss$"))
    assert page.locator(".product-card").count() == 6


def test_filters_sort_and_pagination_keep_their_state_in_the_url(page, live_url, shop):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/products/")

    page.select_option("#id_category", "gitar")
    page.check("#id_in_stock")
    page.click("#product-filters button[type=submit]")
    page.wait_for_url(re.compile(r"category=gitar"))
    page.select_option("#id_sort", "price_asc")  # submits by itself
    page.wait_for_url(re.compile(r"sort=price_asc"))
    first_page_prices = prices(page)
    page.locator(".pagination a.page-link", has_text=re.compile(r"^2$")).click()
    page.wait_for_url(re.compile(r"page=2"))

    url = page.url
    for part in ("category=gitar", "in_stock=true", "sort=price_asc", "page=2"):
        assert part in url
    assert page.locator("#id_category").input_value() == "gitar"
    assert page.locator("#id_in_stock").is_checked()
    assert page.locator("#id_sort").input_value() == "price_asc"
    second_page_prices = prices(page)
    assert first_page_prices == sorted(first_page_prices)
    assert min(second_page_prices) >= max(first_page_prices)
    assert len(first_page_prices) + len(second_page_prices) == 35  # 40 guitars, 5 out of stock, no pedals


def prices(page):
    return [
        int(text.replace("Rp", "").replace(".", "").strip())
        for text in page.locator(".product-card .price").all_inner_texts()
    ]


def test_gallery_thumbnails_swap_the_main_picture(page, live_url, shop):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + shop["guitar"].get_absolute_url())
    main = page.locator("#gallery-main-image")
    before = main.get_attribute("src")

    page.locator(".gallery-thumb").nth(1).click()

    assert main.get_attribute("src") != before
    assert main.get_attribute("alt") == "Belakang"
    assert page.locator(".gallery-thumb").nth(1).get_attribute("aria-current") == "true"
    assert page.url.endswith(shop["guitar"].get_absolute_url()), "the link did not navigate"


@pytest.mark.parametrize("width", [360, 1280])
def test_list_and_detail_screenshots(page, live_url, shop, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in (("list", "/products/?sort=price_desc"), ("detail", shop["guitar"].get_absolute_url())):
        page.goto(live_url + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} overflows at {width}px"
        assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)"), "broken picture"
        screenshot(f"catalog-{name}-{width}")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_storefront_pages_have_no_serious_accessibility_violations(page, live_url, shop, axe_check, theme):
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    paths = [
        "/",
        "/products/?category=gitar&sort=price_asc&page=2",
        shop["guitar"].get_absolute_url(),
        "/search/?q=metal",
        "/search/?q=zzzz",
    ]
    for path in paths:
        page.goto(live_url + path)
        axe_check(f"{path} ({theme})")
    page.goto(live_url + "/")
    page.locator("#nav-search-input").press_sequentially("ibanez", delay=30)
    page.locator("#nav-search-input-listbox [role=option]").first.wait_for()
    axe_check(f"autocomplete open ({theme})")
