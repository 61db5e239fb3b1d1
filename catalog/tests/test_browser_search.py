"""The search page in Chromium: did you mean at 360 px, the exact-words link, filters, axe."""

import re

import pytest

from catalog.tests.test_browser import shop  # noqa: F401 - the shared shop fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_typo_is_corrected_and_the_exact_words_are_one_click_away(page, live_url, shop, axe_check, theme):  # noqa: F811
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_url + "/search/?q=Jakcson+metal")

    assert "jackson metal" in page.locator("#search-corrected").inner_text()
    assert page.locator(".product-card").count() == 8
    assert page.locator(".product-card mark").first.inner_text() == "Jackson"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe_check(f"search corrected ({theme})")

    page.locator("#search-corrected a").click()
    page.wait_for_url(re.compile(r"exact=1"))
    assert page.locator("#search-corrected").count() == 0


def test_filters_keep_the_query(page, live_url, shop):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/search/?q=metal")

    page.check("#id_in_stock")
    page.click("#product-filters button[type=submit]")
    page.wait_for_url(re.compile(r"in_stock=true"))

    assert "q=metal" in page.url
    assert page.locator(".product-card").count() == 24  # 35 in stock, first page
    page.select_option("#id_sort", "price_desc")
    page.wait_for_url(re.compile(r"sort=price_desc"))
    assert "q=metal" in page.url and "in_stock=true" in page.url
