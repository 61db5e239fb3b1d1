"""The widget and the console in a real browser against daphne: a buyer and a staff member chat
live (typing, read marks), HTML in messages does not run, 360 px has no horizontal overflow,
screenshots in light and dark, axe finds no serious or critical violation."""

from django.test import Client
from playwright.sync_api import expect

from chat.models import ChatRoom
from hurtrock.testing.factories import StaffFactory, UserFactory
from inventory.tests.factories import ProductFactory

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def _context(browser, base_url, user, **kwargs):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="id-ID", **kwargs)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])
    return context


def _no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_buyer_and_staff_chat_live(live_url, browser, page, axe_check, screenshot):
    buyer, staff = UserFactory(name="Rina Buyer"), StaffFactory(name="Sari Staff")
    ProductFactory(name="Ibanez RG550 Genesis", stock_quantity=2)
    buyer_ctx = _context(browser, live_url, buyer, viewport={"width": 1280, "height": 800})
    buyer_page = buyer_ctx.new_page()

    # Given the buyer opens the widget and sends a message with HTML in it
    buyer_page.goto(f"{live_url}/")
    buyer_page.click(".chat-launcher")
    expect(buyer_page.locator("#chat-panel")).to_be_visible()
    buyer_page.fill("#chat-input", XSS)
    buyer_page.press("#chat-input", "Enter")
    expect(buyer_page.locator(".chat-msg-mine .chat-msg-text").last).to_have_text(XSS)
    room = ChatRoom.objects.get(buyer=buyer)

    # When staff open the console on that room
    staff_ctx = _context(browser, live_url, staff, viewport={"width": 1280, "height": 900})
    staff_page = staff_ctx.new_page()
    staff_page.goto(f"{live_url}/admin/chat/?room={room.name}")
    expect(staff_page.locator(".chat-log .chat-msg-text").first).to_have_text(XSS)

    # Then the HTML ran nowhere
    assert buyer_page.evaluate("window.__xss") is None
    assert staff_page.evaluate("window.__xss") is None
    assert buyer_page.locator(".chat-log img[src='x']").count() == 0

    # Staff typing shows in the widget; the reply arrives; the buyer's read mark reaches staff
    staff_page.fill("#chat-input", "Hal")
    staff_page.type("#chat-input", "o")
    expect(buyer_page.locator(".chat-typing")).to_be_visible()
    staff_page.fill("#chat-input", "Halo Rina, ada yang bisa dibantu?")
    staff_page.press("#chat-input", "Enter")
    expect(buyer_page.locator(".chat-msg-theirs .chat-msg-text").last).to_have_text("Halo Rina, ada yang bisa dibantu?")
    expect(staff_page.locator(".chat-msg-mine .chat-read-mark").last).to_have_class("chat-read-mark is-read")

    # The buyer tags a product: a card with price and stock
    buyer_page.click(".chat-tag-product")
    buyer_page.fill("#chat-product-q", "Ibanez")
    buyer_page.click(".chat-product-search .chat-pick >> nth=0")
    buyer_page.press("#chat-input", "Enter")
    card = staff_page.locator(".chat-card-product").last
    expect(card).to_contain_text("Ibanez RG550 Genesis")
    expect(card).to_contain_text("Rp")

    screenshot_page(buyer_page, "chat-widget-1280-light")
    axe_check_page(buyer_page, axe_check, page, "widget")
    screenshot_page(staff_page, "chat-console-1280")
    axe_check_page(staff_page, axe_check, page, "console")

    # 360 px, light and dark
    for scheme in ("light", "dark"):
        small = _context(browser, live_url, buyer, viewport={"width": 360, "height": 740}, color_scheme=scheme)
        small_page = small.new_page()
        small_page.goto(f"{live_url}/")
        small_page.click(".chat-launcher")
        expect(small_page.locator(".chat-log .chat-msg").first).to_be_visible()
        assert _no_overflow(small_page), f"horizontal overflow at 360 px ({scheme})"
        screenshot_page(small_page, f"chat-widget-360-{scheme}")
        small.close()
    dark = _context(browser, live_url, buyer, viewport={"width": 1280, "height": 800}, color_scheme="dark")
    dark_page = dark.new_page()
    dark_page.goto(f"{live_url}/")
    dark_page.click(".chat-launcher")
    expect(dark_page.locator(".chat-log .chat-msg").first).to_be_visible()
    screenshot_page(dark_page, "chat-widget-1280-dark")
    dark.close()
    buyer_ctx.close()
    staff_ctx.close()


def screenshot_page(target, name):
    from conftest import ARTIFACTS

    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(folder / f"{name}.png"))


def axe_check_page(target, axe_check, page, label):
    """The shared axe fixture checks `page`; run axe on `target` the same way."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(target)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    summary = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"axe found serious/critical violations in the {label}:\n{summary}"


def test_visitor_sees_a_sign_in_prompt_that_returns_to_the_page(live_url, page):
    product = ProductFactory(name="Jackson Kelly", stock_quantity=1)
    page.goto(f"{live_url}{product.get_absolute_url()}")
    link = page.locator(".chat-launcher")
    expect(link).to_have_attribute("href", f"/accounts/login/?next={product.get_absolute_url()}")
