"""A local stand-in for Stripe's API, over real HTTP: the `stripe` library talks to
it as to api.stripe.com (form-encoded requests, JSON answers, Stripe's error
shape, a bearer key). It keeps objects in memory; a test puts an object's current
state in with `put` (what Stripe would hold) and signs webhook bodies with
`signature_header`, exactly as Stripe signs them."""

import hashlib
import hmac
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

API_KEY = "sk_test_kompis_fake"
WEBHOOK_SECRET = "whsec_kompis_fake_secret"
# Form fields Stripe reads as numbers (everything else stays text).
NUMBERS = {"unit_amount", "percentage", "days_until_due", "amount"}
# What a POST makes: path -> (object, id prefix).
CREATED = {
    "/v1/products": ("product", "prod"),
    "/v1/prices": ("price", "price"),
    "/v1/customers": ("customer", "cus"),
    "/v1/tax_rates": ("tax_rate", "txr"),
    "/v1/subscriptions": ("subscription", "sub"),
    "/v1/checkout/sessions": ("checkout.session", "cs"),
}
COLLECTIONS = {
    "subscriptions": "subscription",
    "invoices": "invoice",
    "customers": "customer",
    "products": "product",
    "prices": "price",
    "tax_rates": "tax_rate",
    "checkout/sessions": "checkout.session",
    "credit_notes": "credit_note",
}
COLLECTION = r"(checkout/sessions|\w+)"


def signature_header(
    payload: bytes, *, secret: str = WEBHOOK_SECRET, at: int | None = None
) -> str:
    """Stripe-Signature for `payload`: t=<unix time>,v1=<HMAC-SHA256 of "t.payload">."""
    at = int(time.time()) if at is None else at
    signed = f"{at}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"


def event_body(event_id: str, kind: str, obj: dict) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }
    ).encode()


class FakeStripe:
    def __init__(self):
        self.objects: dict[str, dict] = {}
        self.requests: list[tuple[str, str]] = []
        self.portal_sessions: list[dict] = []
        self.idempotent: dict[str, dict] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_fake")
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, message: str, code: str = "") -> None:
                error = {"type": "invalid_request_error", "message": message}
                if code:
                    error["code"] = code
                return self._answer(status, {"error": error})

            def _key_refused(self) -> bool:
                if self.headers.get("Authorization") == f"Bearer {API_KEY}":
                    return False
                self._error(401, "Invalid API Key provided")
                return True

            def do_POST(self):
                fake.requests.append(("POST", self.path))
                length = int(self.headers.get("Content-Length") or 0)
                form = {
                    key: values[0]
                    for key, values in parse_qs(
                        self.rfile.read(length).decode()
                    ).items()
                }
                if self._key_refused():
                    return None
                key = self.headers.get("Idempotency-Key")
                if key and key in fake.idempotent:  # a retry: the first answer
                    return self._answer(200, fake.idempotent[key])
                if self.path in CREATED:
                    obj = fake.create(CREATED[self.path], form)
                    if key:
                        fake.idempotent[key] = obj
                    return self._answer(200, obj)
                if self.path == "/v1/billing_portal/sessions":
                    customer = form.get("customer", "")
                    if customer not in fake.objects:
                        return self._error(400, f"No such customer: '{customer}'")
                    fake.portal_sessions.append(form)
                    return self._answer(
                        200,
                        {
                            "id": f"bps_{len(fake.portal_sessions)}",
                            "object": "billing_portal.session",
                            "customer": customer,
                            "return_url": form.get("return_url"),
                            "url": f"{fake.url}/portal/{customer}",
                        },
                    )
                return self._error(404, f"Unrecognized request URL: {self.path}")

            def do_GET(self):
                fake.requests.append(("GET", self.path))
                if self._key_refused():
                    return None
                listing = re.fullmatch(rf"/v1/{COLLECTION}(?:\?(.*))?", self.path)
                if listing and listing.group(1) in COLLECTIONS:
                    kind = COLLECTIONS[listing.group(1)]
                    wanted = {
                        key: values[0]
                        for key, values in parse_qs(listing.group(2) or "").items()
                        if key in ("customer", "status", "subscription")
                    }
                    data = [
                        obj
                        for obj in fake.objects.values()
                        if obj["object"] == kind
                        and all(obj.get(key) == value for key, value in wanted.items())
                    ]
                    return self._answer(
                        200,
                        {
                            "object": "list",
                            "data": data,
                            "has_more": False,
                            "url": f"/v1/{listing.group(1)}",
                        },
                    )
                found = re.fullmatch(rf"/v1/{COLLECTION}/([\w-]+)(\?.*)?", self.path)
                obj = found and fake.objects.get(found.group(2))
                if (
                    not found
                    or obj is None
                    or COLLECTIONS.get(found.group(1)) != obj["object"]
                ):
                    return self._error(
                        404, f"No such object: {self.path}", "resource_missing"
                    )
                return self._answer(200, obj)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "FakeStripe":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def create(self, made: tuple[str, str], form: dict) -> dict:
        """An object from a form-encoded body (a[b]=c nests; NUMBERS are numbers)."""
        kind, prefix = made
        obj = {"id": f"{prefix}_{len(self.objects) + 1}", "object": kind}
        for name, value in form.items():
            path = re.findall(r"[^\[\]]+", name)
            target = obj
            for part in path[:-1]:
                target = target.setdefault(part, {})
            numeric = path[-1] in NUMBERS and value.isdigit()
            target[path[-1]] = int(value) if numeric else value
        if kind == "subscription":  # paid by invoice: active, the invoice open
            obj["status"] = "active"
        if kind == "checkout.session":  # waits for the payer
            obj.update(
                status="open",
                url=f"{self.url}/pay/{obj['id']}",
                expires_at=int(time.time()) + 24 * 3600,
                customer=None,
                subscription=None,
            )
        return self.put(obj)

    def checkout_pay(self, session_id: str, *, status: str = "active") -> dict:
        """The payer completes the Checkout session: Stripe makes the customer
        and the subscription (in `status`) and marks the session complete."""
        session = self.objects[session_id]
        customer = self.create(
            ("customer", "cus"), {"email": session.get("customer_email", "")}
        )
        subscription = self.create(
            ("subscription", "sub"),
            {"customer": customer["id"], "collection_method": "charge_automatically"},
        )
        subscription["status"] = status
        session.update(
            status="complete", customer=customer["id"], subscription=subscription["id"]
        )
        return session

    def count(self, kind: str) -> int:
        return sum(1 for obj in self.objects.values() if obj["object"] == kind)

    def put(self, obj: dict) -> dict:
        self.objects[obj["id"]] = obj
        return obj


def webhook_sent(event_id: str, kind: str, obj: dict, *, host: str = "localhost"):
    """POST a signed event to the platform's webhook, as Stripe does."""
    from django.test import Client

    body = event_body(event_id, kind, obj)
    return Client().post(
        "/billing/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_HOST=host,
        HTTP_STRIPE_SIGNATURE=signature_header(body),
    )
