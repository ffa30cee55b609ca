"""The runner's operations: what reruns do to dealt-with and resolved findings and the exact counts,
an unfinished run resumed rather than replaced, nothing half-written when a chunk fails, the tasks
queued only on commit, the command, and the CCU's watchlist hearing of findings."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ccu.models import AlertKind, WatchAlert
from ccu.selectors import watch as watch_selectors
from registers.crosschecks import checks, tasks
from registers.crosschecks.models import (
    Audience,
    ChunkStatus,
    CrossCheckRun,
    Disposition,
    Finding,
    FindingStatus,
    RunChunk,
    RunStatus,
)
from registers.crosschecks.services import runs
from standards.access.roles import Role
from standards.core import extensions
from tests.accounts.factories import UserFactory
from tests.ccu.factories import (
    NominalFactory,
    NominalLinkFactory,
    ReportFactory,
    WatchlistEntryFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def wanted_check():
    """A check finding every person whose first name is in ``wanted``, two pks a chunk."""
    wanted: set[str] = set()

    def plan(*, today):
        from standards.people.models import Person

        return checks.pk_ranges(Person.objects.all(), rows=2)

    def run_chunk(params, *, today):
        from standards.people.models import Person

        people = list(checks.in_range(Person.objects.all(), params).order_by("pk"))
        return checks.ChunkResult(
            rows_compared=len(people),
            hits=[
                checks.Hit(
                    key=f"test-wanted:person-{person.pk}",
                    person_ids=(person.pk,),
                    summary=f"Person {person.pk} is wanted",
                )
                for person in people
                if person.first_name in wanted
            ],
        )

    checks.register(
        checks.Check(
            name="test-wanted",
            title="Test",
            audience=Audience.PSD,
            description="",
            plan=plan,
            run_chunk=run_chunk,
        )
    )
    yield wanted
    checks._CHECKS.pop("test-wanted")


def by_hand():
    [run] = runs.crosschecks_run_by_hand(today=TODAY, names=["test-wanted"])
    return run


def counts(run) -> tuple[int, int, int]:
    return (run.findings_new, run.findings_still_open, run.findings_resolved)


def finding_of(person) -> Finding:
    return Finding.objects.get(key=f"test-wanted:person-{person.pk}")


def test_the_counts_of_each_rerun_are_exact_and_dealt_with_findings_stay_dealt_with(wanted_check):
    ann, bob, cat, dan = (PersonFactory(first_name=name) for name in ("Ann", "Bob", "Cat", "Dan"))
    wanted_check |= {"Ann", "Bob", "Cat"}
    assert counts(by_hand()) == (3, 0, 0)

    # Someone deals with Cat's finding; Bob's goes away; Dan's appears.
    cat_finding = finding_of(cat)
    cat_finding.status = FindingStatus.DISPOSED
    cat_finding.disposition = Disposition.EXPLAINED
    cat_finding.rationale = "Declared and approved."
    cat_finding.disposed_at = timezone.now()
    cat_finding.save()
    wanted_check ^= {"Bob", "Dan"}
    second = by_hand()

    assert counts(second) == (1, 1, 1)  # Dan new; Ann still open; Bob resolved
    assert finding_of(cat).status == FindingStatus.DISPOSED
    assert finding_of(cat).last_run == second  # found again, but not asked again
    assert finding_of(bob).status == FindingStatus.RESOLVED
    assert finding_of(ann).status == FindingStatus.OPEN

    # Bob's comes back: it opens again and counts as new; Cat's is still dealt with.
    wanted_check.add("Bob")
    third = by_hand()

    assert counts(third) == (1, 2, 0)
    assert finding_of(bob).status == FindingStatus.OPEN
    assert finding_of(bob).resolved_at is None
    assert finding_of(cat).status == FindingStatus.DISPOSED
    assert Finding.objects.count() == 4
    open_found = Finding.objects.filter(status=FindingStatus.OPEN, last_run=third).count()
    assert open_found == third.findings_new + third.findings_still_open
    # Disposed findings are not resolved either when they go away.
    wanted_check.clear()
    assert counts(by_hand()) == (0, 0, 3)
    assert finding_of(cat).status == FindingStatus.DISPOSED
    assert finding_of(dan).status == FindingStatus.RESOLVED


def test_an_unfinished_run_is_resumed_and_only_its_waiting_chunks_are_queued(
    wanted_check, monkeypatch, django_capture_on_commit_callbacks
):
    people = [PersonFactory(first_name="Ann") for _ in range(5)]
    wanted_check.add("Ann")
    queued: list[int] = []
    monkeypatch.setattr(
        tasks.run_crosscheck_chunk, "delay", lambda chunk_id: queued.append(chunk_id)
    )
    check = checks.check_named("test-wanted")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = runs.crosscheck_run_start(check=check, today=TODAY)
        assert queued == []  # nothing goes to the broker before the run is committed
    chunks = list(run.chunks.values_list("pk", flat=True))
    assert len(callbacks) == len(chunks) == 3
    assert queued == chunks

    # The first chunk is done; the worker with the others dies and the night ends.
    runs.crosscheck_chunk_run(chunk_id=chunks[0])
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = runs.crosscheck_run_start(check=check, today=TODAY + dt.timedelta(days=1))

    assert again.pk == run.pk
    assert queued == chunks[1:]
    assert CrossCheckRun.objects.count() == 1
    for chunk_id in queued:
        runs.crosscheck_chunk_run(chunk_id=chunk_id)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert run.checked_on == TODAY  # the resumed run checks as of the day it was planned
    assert (run.rows_compared, run.findings_new) == (5, 5)
    assert Finding.objects.count() == len(people)


def test_a_run_whose_chunks_were_done_but_never_closed_is_closed(wanted_check):
    """The worker that did the last chunk died before closing the run: the redelivered task
    (its chunk already done) closes it, and so does starting the check again."""
    PersonFactory(first_name="Ann")
    wanted_check.add("Ann")
    check = checks.check_named("test-wanted")
    run = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)
    [chunk] = run.chunks.all()
    runs.crosscheck_chunk_run(chunk_id=chunk.pk)
    CrossCheckRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, finished_at=None)

    assert runs.crosscheck_chunk_run(chunk_id=chunk.pk) is False
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED

    CrossCheckRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, finished_at=None)
    resumed = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)
    assert resumed.pk == run.pk
    assert resumed.status == RunStatus.FINISHED
    assert resumed.findings_new == 1


def test_a_chunk_that_fails_half_way_leaves_nothing_written(wanted_check, monkeypatch):
    """The failure comes after the chunk's first finding was written (in the watchlist's
    listener, told inside the chunk's transaction): the finding, its people and the chunk's
    "done" all go, and the next attempt writes each finding once."""
    ann, bob = PersonFactory(first_name="Ann"), PersonFactory(first_name="Ann")
    wanted_check.add("Ann")
    check = checks.check_named("test-wanted")
    run = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)
    [chunk] = run.chunks.all()
    told: list[int] = []

    def dies_on_the_second(*, kind, record, person_ids, summary):
        told.append(record.pk)
        if len(told) == 2:
            raise OSError("the worker's node went away")

    monkeypatch.setitem(extensions._RECORD_LISTENERS, "zz-test-dies", dies_on_the_second)

    with pytest.raises(OSError):
        runs.crosscheck_chunk_run(chunk_id=chunk.pk)

    assert not Finding.objects.exists()
    assert not Finding.people.through.objects.exists()
    assert RunChunk.objects.get(pk=chunk.pk).status == ChunkStatus.PENDING
    assert CrossCheckRun.objects.get(pk=run.pk).status == RunStatus.RUNNING

    monkeypatch.delitem(extensions._RECORD_LISTENERS, "zz-test-dies")
    assert runs.crosscheck_chunk_run(chunk_id=chunk.pk) is True
    assert set(Finding.objects.values_list("people", flat=True)) == {ann.pk, bob.pk}
    assert CrossCheckRun.objects.get(pk=run.pk).findings_new == 2


def test_starting_a_check_that_is_running_elsewhere_resumes_theirs(wanted_check):
    check = checks.check_named("test-wanted")
    theirs = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)

    mine = runs.crosscheck_run_start(check=check, today=TODAY, queue=False)

    assert mine.pk == theirs.pk
    assert CrossCheckRun.objects.filter(status=RunStatus.RUNNING).count() == 1


def test_the_nightly_task_queues_each_chunk_on_commit(
    wanted_check, monkeypatch, django_capture_on_commit_callbacks
):
    PersonFactory(first_name="Ann")
    queued: list[int] = []
    monkeypatch.setattr(
        tasks.run_crosscheck_chunk, "delay", lambda chunk_id: queued.append(chunk_id)
    )
    monkeypatch.setattr(checks, "_CHECKS", {"test-wanted": checks.check_named("test-wanted")})

    with django_capture_on_commit_callbacks(execute=True):
        [run_id] = tasks.run_crosschecks()
        assert queued == []

    assert queued == list(RunChunk.objects.filter(run_id=run_id).values_list("pk", flat=True))
    # Run twice (a redelivered nightly task), it queues the same chunks again and plans nothing
    # new; the chunks already done or being done are skipped by the chunk task.
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_crosschecks() == [run_id]
    assert len(queued) == 1


def test_the_chunk_task_takes_an_id_and_is_safe_to_run_twice(wanted_check):
    PersonFactory(first_name="Ann")
    wanted_check.add("Ann")
    run = runs.crosscheck_run_start(
        check=checks.check_named("test-wanted"), today=TODAY, queue=False
    )
    [chunk] = run.chunks.all()

    assert tasks.run_crosscheck_chunk(chunk.pk) is True
    assert tasks.run_crosscheck_chunk(chunk.pk) is False
    assert tasks.run_crosscheck_chunk(10**9) is False  # a chunk deleted meanwhile: nothing to do
    assert Finding.objects.count() == 1


@pytest.mark.parametrize("task", [tasks.run_crosschecks, tasks.run_crosscheck_chunk])
def test_the_tasks_are_acknowledged_late_and_retried_with_backoff(task):
    assert task.acks_late is True
    assert task.retry_backoff
    assert task.max_retries == 5
    assert OSError in task.autoretry_for


# --- manage.py run_crosschecks ------------------------------------------------------------------


def test_the_command_runs_the_named_checks_and_prints_their_counts(wanted_check):
    PersonFactory(first_name="Ann")
    wanted_check.add("Ann")
    out = io.StringIO()

    call_command("run_crosschecks", "test-wanted", "--today", "2026-06-01", stdout=out)

    assert out.getvalue() == "test-wanted: 1 rows compared, 1 new, 0 still open, 0 resolved\n"
    run = CrossCheckRun.objects.get()
    assert (run.check_name, run.checked_on, run.status) == (
        "test-wanted",
        dt.date(2026, 6, 1),
        "finished",
    )


def test_the_command_names_the_unknown_checks_and_the_known_ones(wanted_check):
    with pytest.raises(CommandError) as error:
        call_command("run_crosschecks", "test-wanted", "no-such-check", stdout=io.StringIO())

    assert "No such check: no-such-check." in str(error.value)
    assert "test-wanted" in str(error.value).split("The checks are:")[1]
    assert not CrossCheckRun.objects.exists()


def test_the_command_refuses_a_date_it_cannot_read(wanted_check):
    with pytest.raises(
        CommandError, match="--today must be a date like 2026-11-30, not '30/11/2026'"
    ):
        call_command(
            "run_crosschecks", "test-wanted", "--today", "30/11/2026", stdout=io.StringIO()
        )
    assert not CrossCheckRun.objects.exists()


def test_the_command_without_names_runs_every_check_with_today(wanted_check):
    out = io.StringIO()

    call_command("run_crosschecks", stdout=out)

    names = {check.name for check in checks.registered_checks()}
    assert set(CrossCheckRun.objects.values_list("check_name", flat=True)) == names
    assert set(CrossCheckRun.objects.values_list("checked_on", flat=True)) == {timezone.localdate()}
    assert len(out.getvalue().splitlines()) == len(names)


# --- the CCU's watchlist ------------------------------------------------------------------------


def test_a_finding_about_a_watched_person_raises_one_ccu_alert(wanted_check):
    # Two findings, one about a watched person: one alert, about that person.
    watched, _other = PersonFactory(first_name="Ann"), PersonFactory(first_name="Ann")
    entry = WatchlistEntryFactory(person=watched)
    wanted_check.add("Ann")

    by_hand()
    by_hand()  # found again: no second alert

    alert = WatchAlert.objects.get()
    finding = finding_of(watched)
    assert alert.entry == entry
    assert alert.kind == AlertKind.CROSSCHECK
    # A PSD finding: named by its view, which the CCU cannot open (no link).
    assert (alert.record_label, alert.record_id) == ("crosschecks.psdfinding", finding.pk)
    assert alert.summary == f"{finding.reference}: cross-check finding"


def test_a_ccu_finding_about_a_watched_member_raises_an_alert():
    member = PersonFactory()
    WatchlistEntryFactory(person=member)
    nominal = NominalFactory(name="Darren Oneil", date_of_birth=dt.date(1984, 3, 7))
    NominalLinkFactory(nominal=nominal, report=ReportFactory(subjects=[member]))
    UserFactory()  # someone outside the CCU, never told

    runs.crosschecks_run_by_hand(today=TODAY, names=["undeclared-association"])

    finding = Finding.objects.get(check_name="undeclared-association")
    alert = WatchAlert.objects.get(kind=AlertKind.CROSSCHECK)
    assert alert.record_id == finding.pk
    assert alert.entry.person == member
    # The alert links to the CCU's own page for the finding.
    assert alert.record_label == "crosschecks.ccufinding"
    [row] = watch_selectors.entry_alerts_for_user(
        user=UserFactory(roles=[Role.CCU_ANALYST]), entry=alert.entry
    )
    assert row.url == reverse("crosschecks:ccu_finding_detail", kwargs={"pk": finding.pk})


def test_a_removed_watchlist_entry_raises_nothing(wanted_check):
    watched = PersonFactory(first_name="Ann")
    WatchlistEntryFactory(person=watched, removed_on=TODAY, removal_reason="Review: no concern.")
    wanted_check.add("Ann")

    by_hand()

    assert not WatchAlert.objects.exists()


# --- the nightly run keeps the checks' order ---------------------------------------------------


@pytest.fixture
def two_orders(wanted_check, monkeypatch):
    """The wanted check (order 100) and one that reads findings (order 900), nothing else; the
    chunk tasks and the nightly task's own re-queueing recorded instead of sent."""
    later = checks.Check(
        name="test-later",
        title="Test",
        audience=Audience.PSD,
        description="",
        plan=lambda *, today: [{}],
        run_chunk=lambda params, *, today: checks.ChunkResult(rows_compared=0, hits=[]),
        order=900,
    )
    monkeypatch.setattr(
        checks, "_CHECKS", {"test-wanted": checks.check_named("test-wanted"), "test-later": later}
    )
    sent = {"chunks": [], "again": []}
    monkeypatch.setattr(tasks.run_crosscheck_chunk, "delay", sent["chunks"].append)
    monkeypatch.setattr(
        tasks.run_crosschecks,
        "apply_async",
        lambda kwargs, countdown: sent["again"].append((kwargs, countdown)),
    )
    return sent


def test_the_nightly_run_starts_a_later_check_only_when_the_earlier_ones_have_finished(
    two_orders, django_capture_on_commit_callbacks
):
    PersonFactory(first_name="Ann")
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):
        [first] = tasks.run_crosschecks()

    assert CrossCheckRun.objects.get(pk=first).check_name == "test-wanted"
    assert not CrossCheckRun.objects.filter(check_name="test-later").exists()
    assert two_orders["again"] == [
        ({"checked_on": today.isoformat()}, runs.NEXT_ORDER_AFTER_SECONDS)
    ]

    # Looking again while the earlier check is still going: nothing queued twice, look again.
    queued = list(two_orders["chunks"])
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_crosschecks(checked_on=today.isoformat()) == []
    assert two_orders["chunks"] == queued
    assert len(two_orders["again"]) == 2

    for chunk_id in queued:
        runs.crosscheck_chunk_run(chunk_id=chunk_id)
    with django_capture_on_commit_callbacks(execute=True):
        [later] = tasks.run_crosschecks(checked_on=today.isoformat())

    assert CrossCheckRun.objects.get(pk=later).check_name == "test-later"
    assert len(two_orders["again"]) == 2  # nothing after the last order to wait for
    assert CrossCheckRun.objects.filter(check_name="test-wanted").count() == 1


def test_a_look_again_from_a_day_that_is_over_does_nothing(two_orders):
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    assert tasks.run_crosschecks(checked_on=yesterday.isoformat()) == []
    assert not CrossCheckRun.objects.exists()


def test_the_nightly_run_resumes_an_earlier_nights_run_and_then_does_tonights(two_orders):
    PersonFactory(first_name="Ann")
    today = timezone.localdate()
    check = checks.check_named("test-wanted")
    old = runs.crosscheck_run_start(check=check, today=today - dt.timedelta(days=1), queue=False)
    for chunk in old.chunks.all():
        runs.crosscheck_chunk_run(chunk_id=chunk.pk)
    CrossCheckRun.objects.filter(pk=old.pk).update(status=RunStatus.RUNNING, finished_at=None)

    started = runs.crosscheck_runs_start(today=today)

    old.refresh_from_db()
    assert old.status == RunStatus.FINISHED
    assert [run.checked_on for run in started] == [today]
    assert started[0].pk != old.pk
