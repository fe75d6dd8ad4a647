"""A local stand-in for the SMS gateway: it speaks 46elks' HTTP API."""

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs


class FakeGateway(BaseHTTPRequestHandler):
    """Answers like 46elks: 500 for the first `failures` requests, then 200 + id."""

    failures = 0
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        type(self).received.append(
            {"form": form, "auth": self.headers.get("Authorization")}
        )
        if type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal error")
            return
        body = json.dumps({"id": f"s{len(type(self).received)}", "status": "created"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass
