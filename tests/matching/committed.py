"""Committed data and concurrent transactions, for tests of what must hold when two
requests do the same thing at the same moment.

Each test's data is committed in tenant alpha (in a program of its own) so that
threads, each with its own database connection, see it; it is deleted again at
the end instead of truncating tables (`transactional_db` would wipe the tenant
rows the whole session shares). Tasks go to a private Redis with no worker, so
outbox rows and runs stay as the services left them.
"""

import threading
import uuid
from contextlib import contextmanager

from django.db import connection, connections
from django_tenants.utils import tenant_context

from matching.models import Match, MatchRun, Message, Participant, Program
from matching.programs.services import program_create_from_template
from tenants.models import Tenant
from tests.workers import PrivateRedis, broker


def program_delete(program: Program) -> None:
    people = Participant.objects.filter(program=program)
    Message.objects.filter(participant__in=people).delete()
    Match.objects.filter(program=program).delete()
    MatchRun.objects.filter(program=program).delete()
    people.delete()
    program.delete()


@contextmanager
def committed_program(django_db_blocker, template_key: str = "kvinna", **fields):
    """(tenant alpha, a new open program) with autocommit; deleted afterwards.
    The body runs with alpha's schema active."""
    redis = PrivateRedis()
    redis.start()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        program = None
        try:
            with broker(redis.url), tenant_context(alpha):
                program = program_create_from_template(
                    template_key=template_key,
                    slug=f"{template_key}-{uuid.uuid4().hex[:8]}",
                    status="open",
                )
                if fields:
                    Program.objects.filter(pk=program.pk).update(**fields)
                    program.refresh_from_db()
                yield alpha, program
        finally:
            if program is not None:
                with tenant_context(alpha):
                    program_delete(program)
            redis.stop()
            connection.set_schema_to_public()


def together(tenant: Tenant, *calls, timeout: float = 60.0) -> list:
    """Run each call in a thread of its own, with its own database connection in
    the tenant's schema, released at the same moment by a barrier. Returns what
    each returned or the exception it raised, in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            with tenant_context(tenant):
                barrier.wait(timeout=timeout)
                results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test looks at it
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
        assert not thread.is_alive(), "a concurrent call did not finish"
    return results


def told(results: list, *, done=None) -> list:
    """`together`'s results as a person would be told them: the message of each
    ApplicationError, `done` (when given) for a call that returned, or what it
    returned; any other exception is raised here."""
    from config.errors import ApplicationError

    outcomes = []
    for result in results:
        if isinstance(result, ApplicationError):
            outcomes.append(result.message)
        elif isinstance(result, Exception):
            raise result
        else:
            outcomes.append(result if done is None else done)
    return outcomes
