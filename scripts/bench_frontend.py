"""Front-end weight for `make bench`: bytes a browser transfers for a page, first and repeat visit.

Headless Debian Chromium (Playwright, never a downloaded browser) loads the page twice in one
profile; the Chrome DevTools protocol reports each response's bytes on the wire (compressed,
headers included) and which came from the browser cache, so the repeat visit shows what the
year-long caching of hashed static files saves.
"""

from collections import defaultdict

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _visit(page, cdp, url: str) -> dict:
    sizes: dict[str, int] = {}
    kinds: dict[str, str] = {}
    cached: set[str] = set()
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="networkidle")
    by_kind: dict[str, int] = defaultdict(int)
    for request_id, size in sizes.items():
        if request_id not in cached:
            by_kind[kinds.get(request_id, "Other")] += size
    return {
        "requests": len(sizes),
        "from_cache": len(cached),
        "kb": sum(by_kind.values()) / 1024,
        "by_kind_kb": {kind: round(size / 1024, 1) for kind, size in sorted(by_kind.items())},
    }


def page_weight(url: str) -> dict:
    """{"first": {...}, "repeat": {...}} for one page."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            first = _visit(page, cdp, url)
            page.goto("about:blank")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            repeat = _visit(page, cdp, url)
        finally:
            browser.close()
    return {"first": first, "repeat": repeat}
