"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in those tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and the store-profile cache live in the cache: start every test clean."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(scope="session")
def fake_gateways():
    """Local fake Stripe and Midtrans servers (real HTTP, free ports) for the whole run."""
    from payments.testing import FakeGateways

    fakes = FakeGateways().start()
    yield fakes
    fakes.stop()


@pytest.fixture(scope="session")
def asgi_server(django_db_setup, django_db_blocker, tmp_path_factory, fake_gateways):
    """A real daphne process serving the test database (HTTP + WebSocket).

    Its payment SDKs talk to the fake gateways; which gateway is offered is decided by the keys
    a test stores in the admin configuration (none by default)."""
    from hurtrock.testing.server import AsgiServer

    media = tmp_path_factory.mktemp("server-media")
    env = {"MEDIA_ROOT": str(media), "PRIVATE_MEDIA_ROOT": str(media / "private"), **fake_gateways.env}
    with django_db_blocker.unblock():
        server = AsgiServer(extra_env=env).start()
    yield server
    server.stop()


@pytest.fixture
def live_url(asgi_server, transactional_db):
    """Base URL of the real ASGI server; the test's data is committed so the server sees it."""
    return asgi_server.url


# --- Playwright: the system Chromium, never a downloaded browser -----------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID"}


@pytest.fixture
def screenshot(page):
    """screenshot("name") writes artifacts/screenshots/name.png (kept, not asserted)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str, full_page: bool = True):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def axe_check(page):
    """axe_check() runs axe-core on the current page and fails on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(label: str = ""):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        summary = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in bad
        )
        assert not bad, f"axe found serious/critical violations on {label or page.url}:\n{summary}"
        return results

    return check


def login_in_browser(page, base_url: str, email: str, password: str):
    """Signs in through the real login form."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form.auth-form button[type=submit]")
    page.wait_for_load_state("networkidle")
