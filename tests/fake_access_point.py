"""A local stand-in for a Peppol access point's HTTP API (tenants/integrations/
peppol.py), over real HTTP: it takes a document once per Idempotency-Key, and
can be told to be down (503) or to refuse (400) for the next requests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "ap_test_token"


class FakeAccessPoint:
    def __init__(self):
        self.received: dict[str, dict] = {}  # idempotency key -> document
        self.requests = 0
        self.failures: list[int] = []  # status codes to answer next, in order
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with fake.lock:
                    fake.requests += 1
                    failure = fake.failures.pop(0) if fake.failures else None
                if self.path != "/v1/documents":
                    return self._answer(404, {"error": "no such endpoint"})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._answer(401, {"error": "bad token"})
                if failure is not None:
                    return self._answer(failure, {"error": "told to fail"})
                key = self.headers.get("Idempotency-Key", "")
                with fake.lock:
                    known = fake.received.get(key)
                    if known is None:
                        known = fake.received[key] = {
                            "id": f"msg-{len(fake.received) + 1}",
                            "xml": body,
                            "sender": self.headers.get("X-Peppol-Sender"),
                            "receiver": self.headers.get("X-Peppol-Receiver"),
                            "type": self.headers.get("X-Peppol-Document-Type"),
                        }
                return self._answer(202, {"id": known["id"]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "FakeAccessPoint":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.failures.clear()
            self.requests = 0
