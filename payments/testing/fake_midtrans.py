"""A fake Midtrans: Snap (create a transaction, the hosted page), the core status API, refund,
expire, and HTTP notifications signed like Midtrans signs them.

Snap: POST /snap/v1/transactions (checks that item_details sum to gross_amount, order ids unique,
records X-Override-Notification), GET/POST /snap/v4/redirection/<token> (the page: pay, leave a
virtual account pending, or close). Core: GET /v2/<order_id>/status, POST /v2/<order_id>/refund,
POST /v2/<order_id>/expire. Authorisation is HTTP Basic with the server key, as the SDK sends it.
"""

import base64
import hashlib
import json
import secrets
import uuid
from datetime import datetime, timedelta
from html import escape
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from payments.testing.server import FakeServer, Request, Response, post

TEST_SERVER_KEY = "SB-Mid-server-hurtrockFAKE0123456789"
TEST_CLIENT_KEY = "SB-Mid-client-hurtrockFAKE"
WIB = ZoneInfo("Asia/Jakarta")
STATUS_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "deny": "202",
    "cancel": "200",
    "expire": "407",
    "refund": "200",
    "partial_refund": "200",
    "failure": "202",
}
REFUNDABLE = {"credit_card", "gopay", "shopeepay", "qris"}


def signature(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()).hexdigest()


def _now() -> str:
    return datetime.now(WIB).strftime("%Y-%m-%d %H:%M:%S")


class FakeMidtrans(FakeServer):
    routes = [
        ("POST", r"/snap/v1/transactions", "snap_create"),
        ("GET", r"/snap/v4/redirection/(?P<token>[^/]+)", "page"),
        ("POST", r"/snap/v4/redirection/(?P<token>[^/]+)", "page_submit"),
        ("GET", r"/v2/(?P<order_id>[^/]+)/status", "status"),
        ("POST", r"/v2/(?P<order_id>[^/]+)/refund", "refund"),
        ("POST", r"/v2/(?P<order_id>[^/]+)/expire", "expire"),
        ("POST", r"/v2/(?P<order_id>[^/]+)/(?P<decision>approve|deny)", "review"),
    ]

    def __init__(self):
        super().__init__()
        self.reset()

    def reset(self):
        with self.lock:
            self.server_keys = {TEST_SERVER_KEY}
            self.snaps: dict[str, dict] = {}  # token → request and metadata
            self.by_order: dict[str, str] = {}  # order_id → token
            self.transactions: dict[str, dict] = {}  # order_id → status record (once a channel is picked)
            self.deliveries: list[tuple[str, int]] = []
            self.default_notification_url = ""
            self.broken_status = False  # True: the status API answers a proxy's HTML error page
            self.requests.clear()

    @property
    def snap_base(self) -> str:
        return f"{self.url}/snap/v1"

    def _key(self, request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Basic "):
            return None
        user = base64.b64decode(header[6:]).decode().split(":", 1)[0]
        return user if user in self.server_keys else None

    def _unauthorised(self):
        return Response(
            401,
            {
                "status_code": "401",
                "status_message": "Unknown Merchant server_key/id",
                "error_messages": ["Access denied due to unauthorized transaction, please check client or server key"],
            },
        )

    # --- Snap -------------------------------------------------------------------------------------
    def snap_create(self, request: Request):
        key = self._key(request)
        if key is None:
            return self._unauthorised()
        body = request.json()
        details = body.get("transaction_details") or {}
        order_id, gross = details.get("order_id"), details.get("gross_amount")
        errors = []
        if not order_id or not isinstance(gross, int) or gross < 1:
            errors.append("transaction_details.gross_amount must be a positive integer")
        items = body.get("item_details") or []
        for item in items:
            if not isinstance(item.get("price"), int) or not isinstance(item.get("quantity"), int):
                errors.append("item_details price and quantity must be integers")
            if len(item.get("name", "")) > 50:
                errors.append("item_details.name too long")
        if items and sum(i.get("price", 0) * i.get("quantity", 0) for i in items) != gross:
            errors.append("transaction_details.gross_amount is not equal to the sum of item_details")
        with self.lock:
            if order_id in self.by_order:
                errors.append("transaction_details.order_id sudah digunakan")
            if errors:
                return Response(400, {"error_messages": errors})
            token = str(uuid.uuid4())
            self.snaps[token] = {
                "request": body,
                "server_key": key,
                "notification_url": request.headers.get("x-override-notification") or self.default_notification_url,
            }
            self.by_order[order_id] = token
        return Response(201, {"token": token, "redirect_url": f"{self.url}/snap/v4/redirection/{token}"})

    def page(self, request: Request, token: str):
        snap = self.snaps.get(token)
        if not snap:
            return Response(404, "Snap token not found", content_type="text/plain")
        details = snap["request"]["transaction_details"]
        channels = ", ".join(snap["request"].get("enabled_payments") or [])
        html = f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Fake Midtrans Snap</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Fake Midtrans Snap</h1><p data-order>{escape(details["order_id"])}</p><p data-amount>Rp {details["gross_amount"]:,}</p>
<p data-channels>{escape(channels)}</p>
<form method="post"><input type="hidden" name="payment_type" value="bank_transfer">
<button type="submit" name="action" value="pay" data-fake-pay>Bayar (BCA virtual account)</button>
<button type="submit" name="action" value="pending" data-fake-pending>Buat VA, bayar nanti</button>
<button type="submit" name="action" value="close" data-fake-close>Tutup</button></form></main></body></html>"""
        return Response(200, html, content_type="text/html; charset=utf-8")

    def page_submit(self, request: Request, token: str):
        from urllib.parse import parse_qs

        snap = self.snaps.get(token)
        if not snap:
            return Response(404, "Snap token not found", content_type="text/plain")
        form = {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}
        order_id = snap["request"]["transaction_details"]["order_id"]
        action = form.get("action")
        if action == "close":
            target = snap["request"].get("callbacks", {}).get("finish", "")
            return Response(
                303,
                b"",
                headers={"Location": target.replace("finish", "unfinish") + "?" + urlencode({"order_id": order_id})},
            )
        status = "settlement" if action == "pay" else "pending"
        self.set_status(order_id, status, payment_type="bank_transfer", bank="bca")
        record = self.transactions[order_id]
        target = snap["request"].get("callbacks", {}).get("finish", "")
        query = urlencode({"order_id": order_id, "status_code": record["status_code"], "transaction_status": status})
        return Response(303, b"", headers={"Location": f"{target}?{query}"})

    # --- Core API ---------------------------------------------------------------------------------
    def status(self, request: Request, order_id: str):
        if self.broken_status:
            return Response(502, "<html><body>Bad Gateway</body></html>", content_type="text/html")
        if self._key(request) is None:
            return self._unauthorised()
        record = self.transactions.get(order_id)
        if not record:
            return Response(404, {"status_code": "404", "status_message": "Transaction doesn't exist."})
        return Response(200, self.status_body(order_id))

    def refund(self, request: Request, order_id: str):
        if self._key(request) is None:
            return self._unauthorised()
        body = request.json()
        with self.lock:
            record = self.transactions.get(order_id)
            if not record:
                return Response(404, {"status_code": "404", "status_message": "Transaction doesn't exist."})
            if record["payment_type"] not in REFUNDABLE or record["transaction_status"] not in (
                "settlement",
                "capture",
                "partial_refund",
            ):
                return Response(
                    200,
                    {"status_code": "412", "status_message": "Merchant cannot modify the status of the transaction"},
                )
            gross = int(float(record["gross_amount"]))
            refunded = sum(int(float(r["refund_amount"])) for r in record["refunds"])
            amount = int(body.get("amount") or gross - refunded)
            existing = next((r for r in record["refunds"] if r["refund_key"] == body.get("refund_key")), None)
            if existing is None:
                if amount > gross - refunded:
                    return Response(
                        200,
                        {
                            "status_code": "413",
                            "status_message": "The request could not be processed due to refund amount",
                        },
                    )
                existing = {
                    "refund_chargeback_id": len(record["refunds"]) + 1,
                    "refund_amount": f"{amount}.00",
                    "created_at": _now(),
                    "reason": body.get("reason", ""),
                    "refund_key": body.get("refund_key") or secrets.token_hex(6),
                }
                record["refunds"].append(existing)
                refunded += amount
                record["transaction_status"] = "refund" if refunded == gross else "partial_refund"
        return Response(
            200,
            {
                "status_code": "200",
                "status_message": "Success, refund request is approved",
                "order_id": order_id,
                "refund_amount": existing["refund_amount"],
                "refund_key": existing["refund_key"],
                "refund_chargeback_id": existing["refund_chargeback_id"],
                "transaction_status": record["transaction_status"],
            },
        )

    def expire(self, request: Request, order_id: str):
        if self._key(request) is None:
            return self._unauthorised()
        record = self.transactions.get(order_id)
        if not record:
            return Response(404, {"status_code": "404", "status_message": "Transaction doesn't exist."})
        if record["transaction_status"] == "pending":
            self.set_status(order_id, "expire", notify=True)
        return Response(
            200,
            {
                "status_code": "407",
                "status_message": "Success, transaction is expired",
                "order_id": order_id,
                "transaction_status": "expire",
            },
        )

    def review(self, request: Request, order_id: str, decision: str):
        if self._key(request) is None:
            return self._unauthorised()
        record = self.transactions.get(order_id)
        if not record or record.get("fraud_status") != "challenge":
            return Response(
                200, {"status_code": "412", "status_message": "Merchant cannot modify the status of the transaction"}
            )
        if decision == "approve":
            self.set_status(order_id, "capture", fraud_status="accept")
        else:
            self.set_status(order_id, "deny", fraud_status="deny")
        return Response(
            200, {"status_code": "200", "status_message": f"Success, transaction is {decision}d", "order_id": order_id}
        )

    # --- Test helpers -----------------------------------------------------------------------------
    def set_status(
        self,
        order_id: str,
        transaction_status: str,
        *,
        fraud_status="accept",
        payment_type=None,
        bank=None,
        gross_amount=None,
        currency="IDR",
        notify=True,
    ) -> dict:
        """Move a transaction at "Midtrans" (creating it as if the buyer picked a channel) and notify."""
        with self.lock:
            token = self.by_order[order_id]
            snap = self.snaps[token]
            gross = gross_amount if gross_amount is not None else snap["request"]["transaction_details"]["gross_amount"]
            record = self.transactions.setdefault(
                order_id,
                {
                    "order_id": order_id,
                    "transaction_id": str(uuid.uuid4()),
                    "transaction_time": _now(),
                    "refunds": [],
                    "va_numbers": [],
                },
            )
            record.update(
                transaction_status=transaction_status,
                fraud_status=fraud_status,
                status_code=STATUS_CODES.get(transaction_status, "200"),
                gross_amount=f"{gross}.00",
                currency=currency,
            )
            if payment_type:
                record["payment_type"] = payment_type
            record.setdefault("payment_type", "bank_transfer")
            if bank:
                record["va_numbers"] = [{"bank": bank, "va_number": "8277" + secrets.token_hex(4)}]
            if transaction_status == "settlement":
                record["settlement_time"] = _now()
            if transaction_status == "pending":
                record["expiry_time"] = (datetime.now(WIB) + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
        if notify:
            self.notify(order_id)
        return record

    def status_body(self, order_id: str) -> dict:
        with self.lock:
            record = dict(self.transactions[order_id])
            key = self.snaps[self.by_order[order_id]]["server_key"]
        record["status_message"] = "Success, transaction is found"
        record["signature_key"] = signature(order_id, record["status_code"], record["gross_amount"], key)
        if not record["refunds"]:
            record.pop("refunds")
        else:
            record["refund_amount"] = f"{sum(int(float(r['refund_amount'])) for r in record['refunds'])}.00"
        return record

    def notification_body(self, order_id: str, **overrides) -> bytes:
        """The HTTP notification Midtrans would send now (signed with the merchant's server key)."""
        body = {**self.status_body(order_id), **overrides}
        body.pop("status_message", None)
        return json.dumps(body).encode()

    def notify(self, order_id: str, **overrides) -> int | None:
        with self.lock:
            url = self.snaps[self.by_order[order_id]]["notification_url"]
        if not url:
            return None
        status, _answer = post(url, self.notification_body(order_id, **overrides), {"Content-Type": "application/json"})
        with self.lock:
            self.deliveries.append((order_id, status))
        return status
