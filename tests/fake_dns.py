"""A local DNS server for tests (dnslib), speaking real DNS over UDP: the own-
domain checks ask it through dnspython as they would ask the Internet."""

import threading

from dnslib import AAAA, CNAME, QTYPE, RCODE, RR, TXT, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer

KINDS = {"A": A, "AAAA": AAAA, "CNAME": CNAME, "TXT": TXT}


class Zone(BaseResolver):
    def __init__(self):
        self.records: dict[tuple[str, str], list[str]] = {}
        self.lock = threading.Lock()

    def set(self, name: str, kind: str, *values: str) -> None:
        with self.lock:
            self.records[(name.lower().rstrip("."), kind)] = list(values)

    def clear(self) -> None:
        with self.lock:
            self.records.clear()

    def _add(self, reply, name: str, kind: str) -> bool:
        values = self.records.get((name, kind), [])
        for value in values:
            reply.add_answer(
                RR(name, getattr(QTYPE, kind), rdata=KINDS[kind](value), ttl=60)
            )
        return bool(values)

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        kind = QTYPE[request.q.qtype]
        with self.lock:
            known = any(key[0] == name for key in self.records)
            if kind != "CNAME" and (name, "CNAME") in self.records:
                self._add(reply, name, "CNAME")  # then the target's own records
                target = self.records[(name, "CNAME")][0].rstrip(".").lower()
                self._add(reply, target, kind)
            else:
                self._add(reply, name, kind)
        if not known:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


class FakeDns:
    def __init__(self):
        self.zone = Zone()
        self.server = DNSServer(
            self.zone,
            address="127.0.0.1",
            port=0,
            logger=DNSLogger(log="-request,-reply,-truncated,-error", prefix=False),
        )
        self.port = self.server.server.server_address[1]

    def start(self) -> "FakeDns":
        self.server.start_thread()
        return self

    def stop(self) -> None:
        self.server.stop()
