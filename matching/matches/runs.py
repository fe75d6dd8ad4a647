"""Running the shared matching core for a program and storing its proposals."""

import logging
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from config.errors import ApplicationError
from matching.matches.problem import match_problem_build
from matching.models import (
    Event,
    Match,
    MatchRun,
    Participant,
    Program,
)
from matching.outbox.dispatch import MATCH_RUN_EXECUTE, task_enqueue

logger = logging.getLogger(__name__)


RUN_BUSY = "A matching run for {program} is already under way."
MIN_SCORE_INVALID = "The minimum score must be a number of 0 or more."
SESSION_NOT_OF_PROGRAM = "That session does not belong to {program}."
SESSION_NOT_A_SESSION = (
    "{event} is not a session of {program} (its kind is {kind}); choose a session."
)
SESSION_REQUIRED = "{program} is matched per session: choose the session to match."
SESSION_NOT_PER_SESSION = "{program} is not matched per session; leave out the session."
NOBODY = "Nobody is waiting on both sides of {program}, so there is nothing to match."
NOBODY_ON_SIDE = (
    "Nobody is waiting to be matched on the side {side} of {program}, so there is "
    "nothing to match."
)
PROGRAM_NOT_OPEN = "{program} is not open (it is {status}); open it before matching."
RULES_INVALID = "The rules of {program} need fixing before a run: {problem}"


def match_run_session(*, program: Program, session_id) -> Event | None:
    """The session a run is for, from an id a coordinator sent (None for none);
    an id that is not one of the program's events is refused with a message."""
    if session_id in (None, ""):
        return None
    try:
        session_id = int(session_id)
    except (TypeError, ValueError):
        raise ApplicationError(
            SESSION_NOT_OF_PROGRAM.format(program=program.name), {"field": "session"}
        ) from None
    session = Event.objects.filter(pk=session_id, program=program).first()
    if session is None:
        raise ApplicationError(
            SESSION_NOT_OF_PROGRAM.format(program=program.name), {"field": "session"}
        )
    return session


def _run_start_problem(*, program: Program, run: MatchRun) -> str | None:
    """Why a run of `program` cannot start now, or None."""
    from matching.programs.rules import program_rules_of, program_rules_problems

    if program.status != Program.Status.OPEN:
        return PROGRAM_NOT_OPEN.format(program=program.name, status=program.status)
    session = run.session
    if session is not None:
        if session.program_id != program.pk:
            return SESSION_NOT_OF_PROGRAM.format(program=program.name)
        if session.kind != Event.Kind.SESSION:
            return SESSION_NOT_A_SESSION.format(
                event=session.title,
                program=program.name,
                kind=session.kind,
            )
        if not program.per_session:
            return SESSION_NOT_PER_SESSION.format(program=program.name)
    elif program.per_session:
        return SESSION_REQUIRED.format(program=program.name)
    problems = program_rules_problems(**program_rules_of(program))
    if problems:
        return RULES_INVALID.format(program=program.name, problem=problems[0])
    if MatchRun.objects.filter(
        program=program, status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    ).exists():
        return RUN_BUSY.format(program=program.name)
    problem = match_problem_build(program=program, run=run)
    empty = [
        side
        for side, people in (("a", problem.side_a), ("b", problem.side_b))
        if not people
    ]
    if len(empty) == 2:
        return NOBODY.format(program=program.name)
    if empty:
        side = program.sides.filter(key=empty[0]).first()
        return NOBODY_ON_SIDE.format(
            side=side.name_sv if side else empty[0], program=program.name
        )
    return None


def match_run_start(
    *,
    program: Program,
    by=None,
    objective: str = MatchRun.Objective.MAX_SCORE,
    min_score: float = 0.0,
    session: Event | None = None,
) -> MatchRun:
    """Queue a matching run; a Celery worker (with a time limit) does the work.

    Refused, with the reason as the message, when the program is not open, the
    session is missing or not one of its sessions, its rules are invalid, nobody
    waits on a side, or a run of the program is already queued or running. Two
    starts at the same moment give one run: the program row is locked while this
    is decided, and the database allows one queued or running run per program."""
    if objective not in MatchRun.Objective.values:
        raise ApplicationError(f"Unknown objective {objective!r}.")
    try:
        min_score = float(min_score)
    except (TypeError, ValueError):
        raise ApplicationError(MIN_SCORE_INVALID, {"field": "min_score"}) from None
    if not (0 <= min_score < 1e9):
        raise ApplicationError(MIN_SCORE_INVALID, {"field": "min_score"})
    try:
        with transaction.atomic():
            program = Program.objects.select_for_update().get(pk=program.pk)
            match_runs_fail_abandoned(program=program)
            run = MatchRun(
                program=program,
                session=session,
                objective=objective,
                min_score=min_score,
                created_by=by,
                progress_text="Väntar på en ledig arbetare",
            )
            problem = _run_start_problem(program=program, run=run)
            if problem:
                raise ApplicationError(problem)
            run.save()
    except IntegrityError:
        raise ApplicationError(RUN_BUSY.format(program=program.name)) from None
    schema = connection.schema_name

    def enqueue():
        if not task_enqueue(name=MATCH_RUN_EXECUTE, args=[run.pk], schema_name=schema):
            match_run_fail_stale(
                run_id=run.pk, reason="The task queue is unavailable; try again later."
            )

    transaction.on_commit(enqueue)
    return run


def _progress(run: MatchRun, percent: int, text: str) -> None:
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, progress_text=text)


def match_run_execute(*, run_id: int) -> MatchRun:
    """Build the problem, solve it, and replace the program's open proposals."""
    from matching import engine

    run = MatchRun.objects.select_related("program", "session").get(pk=run_id)
    if run.status not in (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING):
        return run
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.RUNNING, started_at=timezone.now()
    )
    try:
        _progress(run, 10, "Hämtar anmälningar")
        problem = match_problem_build(program=run.program, run=run)
        _progress(
            run, 30, f"Matchar {len(problem.side_a)} mot {len(problem.side_b)} personer"
        )
        solution = engine.solve(problem)
        _progress(run, 80, "Sparar förslag")
        with transaction.atomic():
            # Whoever paused or withdrew while the core ran is left out: locked in
            # the order publishing and pausing use (people, then proposals).
            ids = sorted(
                {int(p.a) for p in solution.pairs} | {int(p.b) for p in solution.pairs}
            )
            matchable = set(
                Participant.objects.select_for_update()
                .filter(
                    pk__in=ids,
                    status__in=[Participant.Status.QUEUED, Participant.Status.MATCHED],
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            pairs = [
                pair
                for pair in solution.pairs
                if int(pair.a) in matchable and int(pair.b) in matchable
            ]
            stale = Match.objects.filter(
                program=run.program, status=Match.Status.PROPOSED
            )
            stale = stale.filter(session=run.session) if run.session_id else stale
            stale.delete()
            Match.objects.bulk_create(
                [
                    Match(
                        program=run.program,
                        run=run,
                        session=run.session,
                        participant_a_id=int(pair.a),
                        participant_b_id=int(pair.b),
                        score=pair.score,
                        explanation=pair.explanation,
                    )
                    for pair in pairs
                ]
            )
            MatchRun.objects.filter(pk=run.pk).update(
                status=MatchRun.Status.DONE,
                progress=100,
                progress_text=f"{len(pairs)} förslag",
                proposals=len(pairs),
                finished_at=timezone.now(),
            )
    except Exception as error:
        logger.exception("matching run %s failed", run.pk)
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRun.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


# Longer than the task's hard time limit (660 s) and a worker's wait for it: a run
# still queued or running after this was lost (no worker took it, or it died).
RUN_ABANDONED_AFTER = timedelta(minutes=20)
RUN_ABANDONED = (
    "The run never finished (no worker took it, or the worker stopped); start it again."
)


def match_runs_fail_abandoned(*, program: Program) -> int:
    """Mark the program's runs that were lost as failed, so that they no longer
    hold the program's one place for a run; returns how many."""
    now = timezone.now()
    return MatchRun.objects.filter(
        program=program,
        status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING],
        created_at__lt=now - RUN_ABANDONED_AFTER,
    ).update(status=MatchRun.Status.FAILED, error=RUN_ABANDONED, finished_at=now)


def match_run_fail_stale(*, run_id: int, reason: str) -> None:
    MatchRun.objects.filter(
        pk=run_id, status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    ).update(status=MatchRun.Status.FAILED, error=reason, finished_at=timezone.now())
