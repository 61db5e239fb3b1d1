"""Live rates against a local fake RajaOngkir (Komerce API v2) over real HTTP."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from inventory.tests.factories import ProductFactory
from shipping.models import ShippingService
from shipping.services import shipping_quote
from shipping.tests.factories import DestinationFactory

pytestmark = pytest.mark.django_db

API_KEY = "test-rajaongkir-key"


class FakeRajaOngkir:
    """Answers like the Komerce API; `mode` switches it to slow, failing or garbage answers."""

    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "ok"
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _handle(self):
                parsed = urllib.parse.urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode()) if length else {}
                fake.requests.append(
                    {
                        "method": self.command,
                        "path": parsed.path,
                        "query": urllib.parse.parse_qs(parsed.query),
                        "form": form,
                        "key": self.headers.get("key"),
                    }
                )
                if self.headers.get("key") != API_KEY:
                    return self._answer(401, {"meta": {"code": 401, "status": "error", "message": "Invalid key"}})
                if fake.mode == "slow":
                    time.sleep(2)
                if fake.mode == "error":
                    return self._answer(500, {"meta": {"code": 500, "status": "error"}})
                if fake.mode == "garbage":
                    return self._answer(200, b"<html>maintenance</html>")
                if parsed.path.endswith("/destination/domestic-destination"):
                    search = urllib.parse.parse_qs(parsed.query)["search"][0].upper()
                    place = {"BANDUNG": 5001, "SURABAYA": 7002}.get(search)
                    rows = [{"id": place, "label": search, "city_name": search}] if place else []
                    return self._answer(200, {"meta": {"code": 200, "status": "success"}, "data": rows})
                if parsed.path.endswith("/calculate/domestic-cost"):
                    return self._answer(
                        200,
                        {
                            "meta": {"code": 200, "status": "success"},
                            "data": [
                                {"name": "JNE", "code": "jne", "service": "REG", "cost": 23000, "etd": "2-4 day"},
                                {"name": "SiCepat", "code": "sicepat", "service": "BEST", "cost": 31000, "etd": "1"},
                                {"name": "POS", "code": "pos", "service": "Pos Kilat Khusus", "cost": 21000, "etd": ""},
                                {"name": "Other", "code": "anteraja", "service": "REG", "cost": 1, "etd": "1"},
                            ],
                        },
                    )
                return self._answer(404, {"meta": {"code": 404}})

            do_GET = _handle
            do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_api(settings):
    with FakeRajaOngkir() as fake:
        settings.RAJAONGKIR_API_KEY = API_KEY
        settings.RAJAONGKIR_API_BASE = fake.url
        settings.RAJAONGKIR_TIMEOUT = 0.5
        yield fake


@pytest.fixture
def cart():
    # 2 × 1.2 kg in a small box (volumetric 0.25 kg each): 2 400 g → 3 kg (400 g is over the tolerance).
    return [(ProductFactory(weight_grams=1200, length_cm=15, width_cm=10, height_cm=10), 2)]


@pytest.fixture
def surabaya():
    return DestinationFactory(city="Surabaya", province="Jawa Timur", distance_km=700)


def by_code(quotes):
    return {(q.service.courier, q.service.code): q for q in quotes}


def test_live_rates_replace_table_rates_for_the_services_the_api_answers(fake_api, cart, surabaya):
    quotes = by_code(shipping_quote(lines=cart, destination=surabaya))

    assert (quotes["jne", "REG"].cost, quotes["jne", "REG"].min_days, quotes["jne", "REG"].max_days) == (23000, 2, 4)
    assert quotes["jne", "REG"].is_live
    assert (quotes["sicepat", "BEST"].cost, quotes["sicepat", "BEST"].max_days) == (31000, 1)
    pos = ShippingService.objects.get(courier="pos")
    assert quotes["pos", "KILAT"].cost == 21000
    assert (quotes["pos", "KILAT"].min_days, quotes["pos", "KILAT"].max_days) == (pos.min_days, pos.max_days)
    # Services the API did not price keep the table rate.
    assert not quotes["jnt", "EZ"].is_live
    assert quotes["jnt", "EZ"].cost == 4000 + 5500 * 3 + 14 * 700
    assert len(quotes) == 7

    cost_call = next(r for r in fake_api.requests if r["path"].endswith("/calculate/domestic-cost"))
    assert cost_call["method"] == "POST" and cost_call["key"] == API_KEY
    assert cost_call["form"]["origin"] == ["5001"]  # the store's city, Kota Bandung
    assert cost_call["form"]["destination"] == ["7002"]
    assert cost_call["form"]["weight"] == ["2400"]
    assert cost_call["form"]["courier"] == ["jne:jnt:sicepat:pos"]


def test_place_ids_and_rates_are_cached(fake_api, cart, surabaya):
    shipping_quote(lines=cart, destination=surabaya)
    count = len(fake_api.requests)

    shipping_quote(lines=cart, destination=surabaya)

    assert count == 3 and len(fake_api.requests) == 3


def test_a_stored_destination_id_skips_the_lookup(fake_api, cart):
    destination = DestinationFactory(city="Gresik", province="Jawa Timur", rajaongkir_id="9999")

    shipping_quote(lines=cart, destination=destination)

    cost_call = fake_api.requests[-1]
    assert cost_call["form"]["destination"] == ["9999"]
    assert [r["query"].get("search") for r in fake_api.requests[:-1]] == [["Bandung"]]


@pytest.mark.parametrize("mode", ["slow", "error", "garbage"])
def test_api_timeout_or_failure_falls_back_to_table_rates(fake_api, cart, surabaya, mode):
    fake_api.mode = mode
    started = time.perf_counter()

    quotes = shipping_quote(lines=cart, destination=surabaya)

    assert len(fake_api.requests) >= 1
    assert time.perf_counter() - started < 1.5, "the timeout bounds the wait"
    assert not any(q.is_live for q in quotes)
    assert by_code(quotes)["jne", "REG"].cost == 4000 + 5000 * 3 + 15 * 700


def test_a_wrong_key_falls_back_to_table_rates(fake_api, settings, cart, surabaya):
    settings.RAJAONGKIR_API_KEY = "wrong"

    quotes = shipping_quote(lines=cart, destination=surabaya)

    assert fake_api.requests and not any(q.is_live for q in quotes)


def test_without_a_key_no_request_is_made(settings, cart, surabaya):
    with FakeRajaOngkir() as fake:
        settings.RAJAONGKIR_API_KEY = ""
        settings.RAJAONGKIR_API_BASE = fake.url

        quotes = shipping_quote(lines=cart, destination=surabaya)

    assert fake.requests == []
    assert not any(q.is_live for q in quotes)
