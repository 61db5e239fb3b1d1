"""The foundation in a real Chromium against the real ASGI server: theme, language, a11y, screenshots."""

import pytest

from conftest import login_in_browser
from hurtrock.testing.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _theme(page):
    return page.evaluate("document.documentElement.getAttribute('data-bs-theme')")


def test_theme_follows_the_system_then_the_choice_survives_a_reload(page, live_url):
    page.emulate_media(color_scheme="dark")
    page.goto(live_url + "/")
    assert _theme(page) == "dark"

    page.click("#theme-toggle")
    assert _theme(page) == "light"
    page.reload()
    assert _theme(page) == "light"  # remembered, despite the dark system preference

    page.click("#theme-toggle")
    page.goto(live_url + "/contact/")
    assert _theme(page) == "dark"


def test_theme_is_set_before_first_paint(page, live_url):
    """The stored theme is on <html> before any stylesheet or body is parsed (no flash)."""
    page.add_init_script("localStorage.setItem('hurtrock-theme', 'dark')")
    page.add_init_script(
        """
        document.addEventListener('readystatechange', () => {
          if (!window.__firstTheme) window.__firstTheme = document.documentElement.getAttribute('data-bs-theme');
        });
        new MutationObserver((_, obs) => {
          if (document.body && !window.__bodyTheme) {
            window.__bodyTheme = document.documentElement.getAttribute('data-bs-theme'); obs.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page.emulate_media(color_scheme="light")
    page.goto(live_url + "/")

    assert page.evaluate("window.__bodyTheme") == "dark"
    assert page.evaluate("window.__firstTheme") == "dark"


def test_language_switch_changes_the_page(page, live_url):
    page.goto(live_url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("link", name="Jelajahi toko").is_visible()

    page.click("#lang-switch")
    page.wait_for_load_state("networkidle")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Browse the shop").is_visible()
    page.goto(live_url + "/contact/")
    assert page.locator("#main").get_by_role("heading", name="Opening hours").is_visible()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/contact/"])
def test_pages_have_no_serious_accessibility_violations(page, live_url, axe_check, theme, path):
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    page.goto(live_url + path)

    axe_check(f"{path} ({theme})")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_home_screenshots(page, live_url, screenshot, theme, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    page.goto(live_url + "/")

    # Nothing overflows sideways on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"home-{width}-{theme}")


def test_buyer_signs_in_and_out_in_the_browser(page, live_url):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="browser@example.com", name="Dewi Lestari")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    login_in_browser(page, live_url, user.email, PASSWORD)

    assert page.get_by_role("button", name="Dewi").is_visible() or page.get_by_text("Dewi").first.is_visible()
    page.get_by_text("Dewi").first.click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="Masuk", exact=True).is_visible()
