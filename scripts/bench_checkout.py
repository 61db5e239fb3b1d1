"""Checkout under load for `make bench`: N buyers at once for a product with few units.

Each buyer is a signed-in session with the product in their cart; all open the checkout page,
then submit it at the same moment (real HTTP, one thread and connection each: see `_rush`). The
form is posted back as the page rendered it (every input, the selected options, the checked
radios), so this follows the real form whatever fields it grows. Afterwards: exactly `units`
orders, stock 0, ledger = stock.
"""

import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """name → value of the checkout form as a browser would submit it unchanged."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post" and "checkout" in (a.get("action") or "/checkout/"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a or (a.get("type") == "radio" and name not in self.fields):
                    self.fields[name] = a.get("value", "on")
            else:
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = a.get("value", "")
                self.fields.setdefault(self._select, self._select_first)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.fields.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _cookie_header(cookies: dict) -> str:
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def _request(url: str, cookies: dict, data: dict | None = None) -> tuple[int, str, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)
    request.add_header("Cookie", _cookie_header(cookies))
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")


def prepare(buyers: int, units: int) -> tuple[list[dict], int]:
    """Buyers with the product in their cart; the product's stock brought to `units` via the ledger."""
    from bench_fixtures import session_cookies

    from catalog.models import Product
    from hurtrock.models import User
    from inventory.models import StockMovement
    from inventory.services.stock import stock_adjust
    from orders.cart import DatabaseCart
    from orders.models import CartItem

    product = Product.objects.filter(is_active=True, images__is_main=True).order_by("-units_sold", "pk")[2]
    if product.stock_quantity != units:
        stock_adjust(
            product=product,
            quantity=units - product.stock_quantity,
            reason=StockMovement.Reason.ADJUSTMENT,
            note="make bench: checkout under load",
        )
    sessions = []
    for index in range(buyers):
        email = f"bench-checkout-{index:02d}@example.com"
        cookies = session_cookies(email)
        user = User.objects.get(email=email)
        CartItem.objects.filter(user=user).delete()
        DatabaseCart(user).set(product.pk, 1)
        sessions.append(cookies)
    return sessions, product.pk


def run(base_url: str, buyers: int = 50, units: int = 10) -> dict:
    from django.db.models import Sum

    from catalog.models import Product
    from inventory.models import StockMovement
    from orders.models import OrderLine

    sessions, product_id = prepare(buyers, units)
    started_orders = set(OrderLine.objects.filter(product_id=product_id).values_list("order_id", flat=True))
    forms = []
    for cookies in sessions:
        status, location, html = _request(f"{base_url}/checkout/", cookies)
        if status != 200:
            raise SystemExit(f"checkout page answered {status} {location}")
        parser = _FormFields()
        parser.feed(html)
        forms.append(parser.fields)

    results = _rush(base_url, sessions, forms)

    placed = set(OrderLine.objects.filter(product_id=product_id).values_list("order_id", flat=True)) - started_orders
    product = Product.objects.get(pk=product_id)
    ledger = StockMovement.objects.filter(product_id=product_id).aggregate(total=Sum("quantity"))["total"]
    timings = sorted(ms for _, _, ms in results)
    return {
        "buyers": buyers,
        "units": units,
        "orders": len(placed),
        "redirects_to_an_order": sum(1 for status, loc, _ in results if status == 302 and "/orders/" in loc),
        # Refused: the form again with "out of stock", or back to the cart that now shows it.
        "refused": sum(1 for status, loc, _ in results if status == 200 or (status == 302 and "/orders/" not in loc)),
        "errors": sum(1 for status, _, _ in results if status >= 400 or status == 0),
        "stock_after": product.stock_quantity,
        "ledger_matches_stock": ledger == product.stock_quantity,
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[max(int(len(timings) * 0.95) - 1, 0)],
    }


def _rush(base_url: str, sessions: list[dict], forms: list[dict]) -> list[tuple[int, str, float]]:
    """Every buyer's submission at once: (status, Location, ms) in buyer order.

    One thread per buyer, released together by a barrier; each opens its connection, sends its
    request (built beforehand) and reads the answer to the end, timed from the connect. Plain
    sockets, not urllib: on this machine's two cores, shared with the server, urllib's request and
    response handling cost 33–47 ms of the client's CPU per rush, this 26–33 ms.
    (All fifty connections opened first and then fed from one thread were cheaper still, but then
    one server worker accepts nearly all of them at once, which no crowd of browsers does.)"""
    url = urllib.parse.urlsplit(base_url)
    address = (url.hostname, url.port or 80)
    payloads = [
        _post_bytes(url.netloc, "/checkout/", cookies, urllib.parse.urlencode(form).encode())
        for cookies, form in zip(sessions, forms, strict=True)
    ]
    barrier = threading.Barrier(len(payloads))
    results: list[tuple[int, str, float]] = [(0, "", 0.0)] * len(payloads)

    def buy(index: int) -> None:
        barrier.wait()
        began = time.perf_counter()
        with socket.create_connection(address, timeout=60) as sock:
            sock.sendall(payloads[index])
            chunks = []
            while chunk := sock.recv(65536):  # Connection: close, so the server ends the answer
                chunks.append(chunk)
        results[index] = (*_status_location(b"".join(chunks)), (time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=buy, args=(index,)) for index in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _post_bytes(host: str, path: str, cookies: dict, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
        f"Cookie: {_cookie_header(cookies)}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


def _status_location(raw: bytes) -> tuple[int, str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1]) if head and head[0].startswith("HTTP/") else 0
    location = next((line.split(":", 1)[1].strip() for line in head[1:] if line.lower().startswith("location:")), "")
    return status, location
