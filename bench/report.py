"""make bench-report: the operator's report snapshots at platform scale.

Sets up a database of its own (kompis_bench_report) with --tenants tenants (by
cloning, as production provisions them), each running one program with three
years of people, facts at entry, pairs, meetings and follow-ups: --big tenants
with --big-people people, the rest with --people. Then measures, in the same run:

- a full rebuild of every tenant's snapshot (what the nightly run does, here one
  after the other in one process), against the floor of visiting every tenant's
  schema and counting its people;
- one big tenant's refresh (a coordinator's "refresh"), against the same floor for
  that tenant;
- the operator's dashboard queries (tenants side by side, the trend, the filter
  choices, suppression), against a plain count of the snapshot table.

    python bench/report.py [--tenants 300] [--big 3] [--big-people 5000] [--people 300]
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "kompis_bench_report"
KINDS = ("mentorskap", "fardighet", "tillvaxt-kvinna", "kvinna", "jarfallakompis")
CODES = ("0180", "0123", "0127", "0126", "0114", "0182", "0184", "0162")


def _seed(tenant, people: int, rng: random.Random) -> None:
    """One program with `people` people over three years, half of them paired."""
    from datetime import datetime
    from datetime import time as clock

    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from matching.models import (
        FollowUp,
        Match,
        Meeting,
        Participant,
        RegistrationTally,
        ReportFacts,
    )
    from matching.programs.services import program_create_from_template

    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    with tenant_context(tenant):
        program = program_create_from_template(
            template_key=KINDS[tenant.pk % len(KINDS)], status="open"
        )
        people_rows = []
        for index in range(people):
            entered = today - timedelta(days=rng.randint(0, 3 * 365))
            at = datetime.combine(entered, clock(12), tzinfo=zone)
            people_rows.append(
                Participant(
                    program=program,
                    side_key="a" if index % 2 == 0 else "b",
                    status=rng.choice(["queued", "matched", "withdrawn"]),
                    first_name=f"P{index}",
                    email=f"p{index}@bench.example",
                    gender=rng.choice(["woman", "man", "non_binary"]),
                    birth_date=date(rng.randint(1950, 2008), 1, 1),
                    municipality=rng.choice(CODES),
                    consent_given_at=at,
                    confirmed_at=at,
                    queued_at=at,
                    status_changed_at=at,
                )
            )
        created = Participant.objects.bulk_create(people_rows, batch_size=2000)
        for person in created:  # auto_now_add: spread the registrations too
            person.created_at = person.confirmed_at
        Participant.objects.bulk_update(created, ["created_at"], batch_size=2000)
        ReportFacts.objects.bulk_create(
            [
                ReportFacts(
                    participant=person,
                    program=program,
                    side_key=person.side_key,
                    entered_on=person.confirmed_at.date(),
                    gender=person.gender,
                    age_band=rng.choice(["18_29", "30_54", "55_plus"]),
                    municipality=person.municipality,
                    employment=rng.choice(["employed", "unemployed", ""]),
                )
                for person in created
            ],
            batch_size=2000,
        )
        tally = Counter(
            (person.confirmed_at.date(), person.side_key) for person in created
        )
        RegistrationTally.objects.bulk_create(
            RegistrationTally(program=program, day=day, side_key=side, count=n)
            for (day, side), n in tally.items()
        )
        sides = (
            [p for p in created if p.side_key == "a"],
            [p for p in created if p.side_key == "b"],
        )
        matches = []
        for a, b in zip(sides[0][::2], sides[1][::2], strict=False):
            published = max(a.confirmed_at, b.confirmed_at) + timedelta(days=20)
            ended = rng.random() < 0.6
            matches.append(
                Match(
                    program=program,
                    participant_a=a,
                    participant_b=b,
                    status="ended" if ended else "active",
                    published_at=published,
                    ended_at=published + timedelta(days=150) if ended else None,
                    commitment=rng.choice(["met", "not_met"]) if ended else "on_track",
                    end_reason="Klart" if ended else "",
                )
            )
        matches = Match.objects.bulk_create(matches, batch_size=2000)
        Meeting.objects.bulk_create(
            [
                Meeting(
                    match=match,
                    happened_on=(match.published_at + timedelta(days=14 * n)).date(),
                    logged_by="a",
                )
                for match in matches
                for n in range(rng.randint(0, 5))
            ],
            batch_size=5000,
        )
        FollowUp.objects.bulk_create(
            [
                FollowUp(
                    match=match,
                    participant=match.participant_a,
                    kind="end",
                    rating=rng.randint(1, 5),
                    outcome=rng.choice(["work", "studies", "seeking", ""]),
                )
                for match in matches
                if match.status == "ended"
            ]
            + [  # six months after the end, where it is answered
                FollowUp(
                    match=match,
                    participant=match.participant_a,
                    kind="six_months",
                    outcome=rng.choice(["work", "studies", "internship", "other"]),
                )
                for match in matches
                if match.status == "ended" and rng.random() < 0.5
            ],
            batch_size=2000,
        )


def _median_seconds(function, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _seeded_tenants(args) -> list:
    from django.core.management import call_command
    from django.db import connection

    from tenants.services.provisioning import tenant_provision

    call_command("migrate_platform", verbosity=0)
    rng = random.Random(12)
    started = time.perf_counter()
    tenants = []
    for index in range(args.tenants):
        tenant = tenant_provision(
            slug=f"t{index:03d}",
            name=f"Kommun {index:03d}",
            domain=f"t{index:03d}.bench.localhost",
            status="active",
        )
        _seed(tenant, args.big_people if index < args.big else args.people, rng)
        tenants.append(tenant)
        connection.set_schema_to_public()
        if index % 50 == 49:
            print(f"  {index + 1} tenants seeded", flush=True)
    people = args.big * args.big_people + (args.tenants - args.big) * args.people
    print(
        f"seeded {args.tenants} tenants, {people} people in"
        f" {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return tenants


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tenants", type=int, default=300)
    parser.add_argument("--big", type=int, default=3)
    parser.add_argument("--big-people", type=int, default=5000)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the tenants a previous run left (no seeding)",
    )
    args = parser.parse_args()

    from bench.provision import _bench_database_url

    if args.reuse:
        from config.localdb import database_url

        base = os.environ.get("DATABASE_URL") or database_url()
        os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{BENCH_DB}"
    else:
        os.environ["DATABASE_URL"] = _bench_database_url(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DEBUG"] = "False"
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from matching.models import Participant
    from reporting.dashboard import dashboard_rows, filter_choices, monthly_trend
    from reporting.models import SnapshotFigure
    from reporting.snapshots import tenant_snapshot_build
    from reporting.suppression import suppress

    print(f"bench-report: database {BENCH_DB}, {os.cpu_count()} CPUs", flush=True)
    if args.reuse:
        from tenants.selectors import tenants_ready

        tenants = list(tenants_ready().order_by("slug"))
        print(f"reusing {len(tenants)} tenants of the last run", flush=True)
    else:
        tenants = _seeded_tenants(args)

    def visit_all():
        for tenant in tenants:
            with tenant_context(tenant):
                Participant.objects.count()

    def rebuild_all():
        for tenant in tenants:
            tenant_snapshot_build(tenant)

    floor = _median_seconds(visit_all, 3)
    rebuild = _median_seconds(rebuild_all, 1)
    figures = SnapshotFigure.objects.count()
    print(
        f"full rebuild of {args.tenants} snapshots: {rebuild:.1f} s"
        f" ({figures} figures); floor (visit every schema, count people)"
        f" {floor:.2f} s; ratio {rebuild / floor:.1f}x",
        flush=True,
    )

    big = tenants[0]

    def visit_big():
        with tenant_context(big):
            Participant.objects.count()

    with tenant_context(big):
        big_people = Participant.objects.count()
    one = _median_seconds(lambda: tenant_snapshot_build(big), 5)
    one_floor = _median_seconds(visit_big, 20)
    print(
        f"one tenant's refresh ({big_people} people): {one * 1000:.0f} ms;"
        f" floor {one_floor * 1000:.1f} ms; ratio {one / one_floor:.0f}x",
        flush=True,
    )

    connection.set_schema_to_public()
    today = timezone.localdate()
    start = today.replace(month=1, day=1)

    def dashboard(municipality=""):
        names, matrix, totals = dashboard_rows(
            start=start,
            end=today.replace(day=1),
            kind="",
            municipality=municipality,
            today=today,
        )
        suppress(matrix)
        monthly_trend(start=start, end=today, kind="", municipality=municipality)
        filter_choices()

    board = _median_seconds(dashboard, 20)
    by_place = _median_seconds(lambda: dashboard("0180"), 20)
    count_floor = _median_seconds(lambda: SnapshotFigure.objects.count(), 20)
    print(
        f"operator dashboard: {board * 1000:.0f} ms (one municipality"
        f" {by_place * 1000:.0f} ms); floor (count the snapshot table)"
        f" {count_floor * 1000:.1f} ms; ratio {board / count_floor:.1f}x",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
