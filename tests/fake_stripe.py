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

API_KEY = "sk_test_kompis_fake"
WEBHOOK_SECRET = "whsec_kompis_fake_secret"
COLLECTIONS = {
    "subscriptions": "subscription",
    "invoices": "invoice",
    "customers": "customer",
}


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

            def do_GET(self):
                fake.requests.append(("GET", self.path))
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    return self._answer(
                        401,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "message": "Invalid API Key provided",
                            }
                        },
                    )
                found = re.fullmatch(r"/v1/(\w+)/([\w-]+)(\?.*)?", self.path)
                obj = found and fake.objects.get(found.group(2))
                if (
                    not found
                    or obj is None
                    or COLLECTIONS.get(found.group(1)) != obj["object"]
                ):
                    return self._answer(
                        404,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "code": "resource_missing",
                                "message": f"No such object: {self.path}",
                            }
                        },
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

    def put(self, obj: dict) -> dict:
        self.objects[obj["id"]] = obj
        return obj
