"""Issue #16: no admin page trips the Content-Security-Policy, and "select all" works on the export page."""

import re

import pytest

from catalog.tests.factories import ProductFactory
from hurtrock.testing.factories import PASSWORD, AdminFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " @" + event.lineNumber);
});
"""


def _sign_in(page, live_url, email):
    page.goto(f"{live_url}/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")


def _admin_pages(page, live_url) -> list[str]:
    """Every changelist and add page linked from the admin index, plus the import and export pages."""
    page.goto(f"{live_url}/admin/")
    links = page.eval_on_selector_all("#content-main a[href^='/admin/']", "els => els.map(e => e.getAttribute('href'))")
    pages = sorted(set(links))
    pages += [
        "/admin/catalog/product/export/",
        "/admin/catalog/product/import/",
        "/admin/hurtrock/storeprofile/1/change/",
    ]
    return [path for path in pages if not re.search(r"logout|delete", path)]


def test_no_admin_page_reports_a_csp_violation(page, live_url):
    ProductFactory(name="Boss DS-1")
    admin = AdminFactory(is_superuser=True)
    page.add_init_script(RECORD_VIOLATIONS)
    _sign_in(page, live_url, admin.email)

    violations = {}
    paths = _admin_pages(page, live_url)
    for path in paths:
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found

    assert len(paths) > 15
    assert violations == {}


def test_select_all_on_the_export_page_unticks_and_ticks_every_field(page, live_url):
    ProductFactory(name="Boss DS-1")
    admin = AdminFactory(is_superuser=True)
    page.add_init_script(RECORD_VIOLATIONS)
    _sign_in(page, live_url, admin.email)
    page.goto(f"{live_url}/admin/catalog/product/export/")
    boxes = ".selectable-field-export-row input[type=checkbox]"
    assert page.locator(boxes).count() > 5

    page.uncheck("input.select-toggle")
    assert page.eval_on_selector_all(boxes, "els => els.filter(e => e.checked).length") == 0
    page.check("input.select-toggle")
    assert page.eval_on_selector_all(boxes, "els => els.filter(e => !e.checked).length") == 0
    assert page.evaluate("window.__cspViolations") == []
