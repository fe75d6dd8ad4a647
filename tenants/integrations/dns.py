"""Asking DNS, for own domains (tenants/launch/own_domains.py): the one module
that imports dnspython. DNS_NAMESERVERS ("ip" or "ip:port", comma-separated)
chooses the resolvers; empty means the system's."""

import dns.exception
import dns.resolver
from django.conf import settings

TIMEOUT_SECONDS = 5


class DnsUnavailable(Exception):
    """No resolver answered: nothing can be said about the domain now."""


def _resolver() -> dns.resolver.Resolver:
    servers = list(settings.DNS_NAMESERVERS)
    resolver = dns.resolver.Resolver(configure=not servers)
    if servers:
        host, _, port = servers[0].partition(":")
        resolver.nameservers = [host] + [s.partition(":")[0] for s in servers[1:]]
        resolver.port = int(port or 53)
    resolver.lifetime = TIMEOUT_SECONDS
    resolver.cache = None
    return resolver


def _answer(name: str, kind: str):
    try:
        return _resolver().resolve(name, kind, raise_on_no_answer=False)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoNameservers):
        return None
    except (dns.exception.Timeout, dns.resolver.LifetimeTimeout) as error:
        raise DnsUnavailable(type(error).__name__) from error


def txt_values(name: str) -> list[str]:
    answer = _answer(name, "TXT")
    if answer is None or answer.rrset is None:
        return []
    return [b"".join(record.strings).decode("utf-8", "replace") for record in answer]


def cname_target(name: str) -> str:
    """Where `name` points by CNAME ("" when it does not)."""
    answer = _answer(name, "CNAME")
    if answer is None or answer.rrset is None:
        return ""
    return str(answer[0].target).rstrip(".").lower()


def ipv4_addresses(name: str) -> set[str]:
    """The A records of `name` (CNAMEs followed)."""
    answer = _answer(name, "A")
    if answer is None or answer.rrset is None:
        return set()
    return {record.address for record in answer}
