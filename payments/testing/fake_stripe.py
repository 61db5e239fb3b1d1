"""A fake Stripe: the parts of the API the shop uses, a hosted Checkout page that "pays", and
signed webhooks (stripe.WebhookSignature with the test secret) delivered over HTTP.

API: POST /v1/checkout/sessions (idempotent per Idempotency-Key), GET /v1/checkout/sessions/<id>
(expand[]=payment_intent), POST /v1/checkout/sessions/<id>/expire, POST /v1/refunds, GET /v1/balance.
Pages: GET /pay/<id> (Pay / Cancel), POST /pay/<id> (pays, sends checkout.session.completed, 303 to
success_url).
"""

import json
import re
import secrets
import time
from html import escape

import stripe

from payments.testing.server import FakeServer, Request, Response, post

TEST_SECRET_KEY = "sk_test_hurtrock_fake_0123456789"
TEST_WEBHOOK_SECRET = "whsec_hurtrock_fake_0123456789"


def parse_form(body: bytes | str) -> dict:
    """Stripe's form encoding (a[b][0][c]=1) back into nested dicts and lists."""
    from urllib.parse import parse_qsl

    text = body.decode() if isinstance(body, bytes) else body
    root: dict = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if last:
                if part == "[]":
                    node.setdefault("__list__", []).append(value)
                else:
                    node[part] = value
            else:
                node = node.setdefault(part, {})
    return _listify(root)


def _listify(node):
    if isinstance(node, dict):
        if set(node) == {"__list__"}:
            return node["__list__"]
        if node and all(k.isdigit() for k in node):
            return [_listify(node[k]) for k in sorted(node, key=int)]
        return {k: _listify(v) for k, v in node.items()}
    return node


def _error(status: int, message: str, kind="invalid_request_error", param=None):
    return Response(status, {"error": {"type": kind, "message": message, "param": param}})


class FakeStripe(FakeServer):
    routes = [
        ("POST", r"/v1/checkout/sessions", "session_create"),
        ("GET", r"/v1/checkout/sessions/(?P<sid>[^/]+)", "session_get"),
        ("POST", r"/v1/checkout/sessions/(?P<sid>[^/]+)/expire", "session_expire"),
        ("POST", r"/v1/refunds", "refund_create"),
        ("GET", r"/v1/balance", "balance"),
        ("GET", r"/pay/(?P<sid>[^/]+)", "page"),
        ("POST", r"/pay/(?P<sid>[^/]+)", "page_submit"),
    ]

    def __init__(self):
        super().__init__()
        self.reset()

    def reset(self):
        with self.lock:
            self.api_keys = {TEST_SECRET_KEY}
            self.sessions: dict[str, dict] = {}
            self.intents: dict[str, dict] = {}
            self.refunds: dict[str, dict] = {}
            self.idempotent: dict[str, tuple[str, Response]] = {}
            self.events: list[dict] = []
            self.webhook_url = ""
            self.webhook_secret = TEST_WEBHOOK_SECRET
            self.fail_next_create_after_processing = 0
            self.deliveries: list[tuple[str, int]] = []
            self.requests.clear()

    # --- API -------------------------------------------------------------------------------------
    def _auth(self, request: Request) -> Response | None:
        key = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if key not in self.api_keys:
            masked = f"{key[:8]}{'*' * 8}{key[-4:]}" if len(key) > 12 else "****"
            return _error(401, f"Invalid API Key provided: {masked}")
        return None

    def _idempotent(self, request: Request, make) -> Response:
        key = request.headers.get("idempotency-key")
        if key and key in self.idempotent:
            body, response = self.idempotent[key]
            if body != request.body.decode():
                return _error(
                    400, "Keys for idempotent requests can only be used with the same parameters.", "idempotency_error"
                )
            return response
        response = make()
        if key and response.status < 500:
            self.idempotent[key] = (request.body.decode(), response)
        return response

    def session_create(self, request: Request):
        if denied := self._auth(request):
            return denied
        params = parse_form(request.body)

        def make():
            now = int(time.time())
            expires_at = int(params.get("expires_at") or now + 24 * 3600)
            if not (now + 30 * 60 - 5 <= expires_at <= now + 24 * 3600 + 5):
                return _error(
                    400,
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.",
                    param="expires_at",
                )
            items = params.get("line_items") or []
            total = 0
            for item in items:
                price = item.get("price_data", {})
                if (
                    price.get("currency") != params.get("currency", price.get("currency"))
                    or price.get("currency") != "idr"
                ):
                    return _error(400, "Currency must be idr for this test account.")
                amount, quantity = int(price["unit_amount"]), int(item["quantity"])
                if amount < 0:
                    return _error(400, "unit_amount must be positive", param="line_items")
                total += amount * quantity
            sid = "cs_test_" + secrets.token_hex(12)
            session = {
                "id": sid,
                "object": "checkout.session",
                "amount_subtotal": total,
                "amount_total": total,
                "currency": "idr",
                "client_reference_id": params.get("client_reference_id"),
                "customer_email": params.get("customer_email"),
                "created": now,
                "expires_at": expires_at,
                "livemode": False,
                "locale": params.get("locale"),
                "metadata": params.get("metadata", {}),
                "mode": params.get("mode"),
                "payment_intent": None,
                "payment_method_types": ["card"],
                "payment_status": "unpaid",
                "status": "open",
                "success_url": params.get("success_url"),
                "cancel_url": params.get("cancel_url"),
                "url": f"{self.url}/pay/{sid}",
                "line_items_sent": items,
            }
            self.sessions[sid] = session
            return Response(200, self._public(session))

        with self.lock:
            response = self._idempotent(request, make)
            if self.fail_next_create_after_processing and response.status == 200:
                # The work is done but the answer is "lost": the SDK retries with the same key.
                self.fail_next_create_after_processing -= 1
                return _error(500, "An unknown error occurred", "api_error")
            return response

    def _public(self, session: dict, expand_intent=False) -> dict:
        data = {k: v for k, v in session.items() if k != "line_items_sent"}
        if expand_intent and data.get("payment_intent"):
            data["payment_intent"] = self.intents[data["payment_intent"]]
        return data

    def session_get(self, request: Request, sid: str):
        if denied := self._auth(request):
            return denied
        session = self.sessions.get(sid)
        if not session:
            return _error(404, f"No such checkout.session: '{sid}'", param="session")
        expand = [v for k, v in request.query.items() if k.startswith("expand")]
        return Response(200, self._public(session, expand_intent="payment_intent" in expand))

    def session_expire(self, request: Request, sid: str):
        if denied := self._auth(request):
            return denied
        with self.lock:
            session = self.sessions.get(sid)
            if not session:
                return _error(404, f"No such checkout.session: '{sid}'")
            if session["status"] != "open":
                return _error(400, "Only Checkout Sessions with a status of open can be expired.")
            session["status"] = "expired"
        self.send_event("checkout.session.expired", sid)
        return Response(200, self._public(session))

    def refund_create(self, request: Request):
        if denied := self._auth(request):
            return denied
        params = parse_form(request.body)

        def make():
            intent = self.intents.get(params.get("payment_intent", ""))
            if not intent:
                return _error(404, "No such payment_intent")
            amount = int(params.get("amount") or intent["amount"] - intent["amount_refunded"])
            if amount > intent["amount"] - intent["amount_refunded"]:
                return _error(400, "Refund amount is greater than unrefunded amount on charge.")
            intent["amount_refunded"] += amount
            rid = "re_" + secrets.token_hex(10)
            refund = {
                "id": rid,
                "object": "refund",
                "amount": amount,
                "currency": "idr",
                "payment_intent": intent["id"],
                "status": "succeeded",
                "metadata": params.get("metadata", {}),
            }
            self.refunds[rid] = refund
            return Response(200, refund)

        with self.lock:
            return self._idempotent(request, make)

    def balance(self, request: Request):
        if denied := self._auth(request):
            return denied
        return Response(200, {"object": "balance", "livemode": False, "available": [{"amount": 0, "currency": "idr"}]})

    # --- Hosted page -------------------------------------------------------------------------------
    def page(self, request: Request, sid: str):
        session = self.sessions.get(sid)
        if not session:
            return Response(404, "No such session", content_type="text/plain")
        amount = session["amount_total"] // 100
        html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Fake Stripe Checkout</h1><p data-amount>IDR {amount:,}</p><p>{escape(session.get("customer_email") or "")}</p>
<p data-status>{escape(session["status"])}</p>
<form method="post"><button type="submit" name="action" value="pay" data-fake-pay>Pay</button></form>
<p><a href="{escape(session.get("cancel_url") or "")}" data-fake-cancel>Back to the shop</a></p></main></body></html>"""
        return Response(200, html, content_type="text/html; charset=utf-8")

    def page_submit(self, request: Request, sid: str):
        session = self.sessions.get(sid)
        if not session or session["status"] != "open":
            return Response(409, "This session is not open", content_type="text/plain")
        self.pay(sid)
        target = (session.get("success_url") or "").replace("{CHECKOUT_SESSION_ID}", sid)
        return Response(303, b"", content_type="text/plain", headers={"Location": target})

    # --- Test helpers ------------------------------------------------------------------------------
    def pay(self, sid: str, *, send: bool = True) -> dict:
        """The buyer pays: session complete and paid, a succeeded PaymentIntent, the webhook sent."""
        with self.lock:
            session = self.sessions[sid]
            pid = "pi_" + secrets.token_hex(10)
            self.intents[pid] = {
                "id": pid,
                "object": "payment_intent",
                "amount": session["amount_total"],
                "amount_refunded": 0,
                "currency": "idr",
                "status": "succeeded",
            }
            session.update(status="complete", payment_status="paid", payment_intent=pid)
        if send:
            self.send_event("checkout.session.completed", sid)
        return session

    def event_payload(self, event_type: str, sid: str, **overrides) -> tuple[bytes, str]:
        """A signed event for session `sid` as (body, Stripe-Signature header)."""
        session = {**self._public(self.sessions[sid]), **overrides}
        event = {
            "id": "evt_" + secrets.token_hex(12),
            "object": "event",
            "api_version": "2025-09-30.clover",
            "created": int(time.time()),
            "data": {"object": session},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        with self.lock:
            self.events.append(event)
        body = json.dumps(event)
        return body.encode(), self.sign(body)

    def sign(self, body: str, secret: str | None = None, timestamp: int | None = None) -> str:
        return stripe.WebhookSignature.generate_signature_header(
            body, secret or self.webhook_secret, timestamp=timestamp
        )

    def send_event(self, event_type: str, sid: str, **overrides) -> int | None:
        """Deliver a signed event to the registered endpoint, as Stripe does (None without one)."""
        body, signature = self.event_payload(event_type, sid, **overrides)
        if not self.webhook_url:
            return None
        status, _answer = post(
            self.webhook_url, body, {"Content-Type": "application/json", "Stripe-Signature": signature}
        )
        with self.lock:
            self.deliveries.append((event_type, status))
        return status
