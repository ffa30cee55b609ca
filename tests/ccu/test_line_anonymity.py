"""Acceptance: no identifying data of an anonymous reporter is stored anywhere.

A member of staff reports through the real page (the Django test client, with an address and a
distinctive user agent). Every table in the database is read before and after: each row the
request added or changed is searched for the reporter's login id, username, staff number and
names, the address and the user agent, for any foreign key to their login or directory record,
and for any time of day (only midnight may appear). Every log record of the request, at DEBUG for
every logger, is searched for the username, the address and the user agent. The same holds for
the reporter's return with their code and their answer, for a refused method (which Django logs)
and for an error in the view (whose report carries no user, header or field).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.views.debug import get_exception_reporter_class

from ccu.models import LineMessage, LineReport, MessageDirection
from ccu.services import line as line_services
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.helpers import sign_in

REPORT = reverse("my_ccu:line_report")
RETURN = reverse("my_ccu:line_return")
ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (X11) ReporterBrowser/9.8.7-distinctive-QX44"
REFERRER = "https://intranet.example/people/quillon.zebedee"
ACCOUNT = "A sergeant on the night team takes cash from found property before it is counted."


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    """The real Redis cache, with keys no other test (or earlier run) has counted in."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-line-{uuid.uuid4().hex}"}
    }


@pytest.fixture
def reporter(db):
    return UserFactory(
        username="quillon.zebedee",
        roles=[Role.STAFF],
        person__first_name="Quillon",
        person__last_name="Zebedee",
        person__staff_number="ZQ771234",
    )


def _browser(user) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERRER)
    return sign_in(client, user)


# --- the database, every table ------------------------------------------------------------------


def _snapshot() -> dict[str, tuple[list[str], set[tuple]]]:
    """Every table's columns and rows, as they are now."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
            columns = [column.name for column in cursor.description]
            tables[table] = (columns, {tuple(row) for row in cursor.fetchall()})
    return tables


def _written(before, after) -> dict[str, list[dict]]:
    """The rows added or changed between two snapshots, by table (a deleted row shows too)."""
    written = {}
    for table, (columns, rows) in after.items():
        old = before.get(table, (columns, set()))[1]
        changed = (rows - old) | (old - rows)
        if changed:
            written[table] = [dict(zip(columns, row, strict=True)) for row in changed]
    return written


def _columns_pointing_at(*targets) -> dict[str, set[str]]:
    """For every table, its foreign-key columns to the logins and the staff directory."""
    pointing: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in targets:
                pointing.setdefault(model._meta.db_table, set()).add(field.column)
    return pointing


def _identifying(written, user) -> list[str]:
    person = user.person
    words = [user.username, person.staff_number, person.first_name, person.last_name]
    words += [ADDRESS, AGENT, "ReporterBrowser", REFERRER]
    pointing = _columns_pointing_at(type(user), type(person))
    found = []
    for table, rows in written.items():
        for row in rows:
            for column, value in row.items():
                if column in pointing.get(table, ()) and value in (user.pk, person.pk):
                    found.append(f"{table}.{column} points at the reporter")
                if (
                    isinstance(value, dt.datetime)
                    and timezone.localtime(value).time() != dt.time.min
                ):
                    found.append(f"{table}.{column} holds a time of day: {value}")
                text = str(value)
                found += [f"{table}.{column} holds {w!r}" for w in words if w and w in text]
    return found


# --- the logs --------------------------------------------------------------------------------


def _log_leaks(records, user) -> list[str]:
    leaks = []
    for record in records:
        text = f"{record.getMessage()} {record.__dict__!r}"
        request = getattr(record, "request", None)
        if request is not None:
            text += repr(dict(request.META))
        leaks += [f"{record.name}: {w!r}" for w in (user.username, ADDRESS, AGENT) if w in text]
    return leaks


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)  # the root logger: every logger's records reach caplog
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if logger.level > logging.DEBUG:
            caplog.set_level(logging.DEBUG, logger=name)
    return caplog


# --- the acceptance tests -------------------------------------------------------------------


def test_no_identifying_data_of_an_anonymous_reporter_is_stored_anywhere(reporter, all_logs):
    client = _browser(reporter)
    client.get(reverse("my_ccu:line_start"))
    client.get(REPORT)
    all_logs.clear()
    before = _snapshot()

    response = client.post(
        REPORT,
        {"what_happened": ACCOUNT, "when_where": "Central station", "anonymity": "anonymous"},
    )

    assert response.status_code == 200
    assert "Report sent" in response.content.decode()
    written = _written(before, _snapshot())
    # The report did land: in the intake, its source, the line report and their history.
    assert {"ccu_intelligencereport", "ccu_reportsource", "ccu_linereport"} <= set(written)
    assert "ccu_historicallinereport" in written
    # ... and nothing else: no session, access log, notice or sealed identity.
    assert not {
        "django_session",
        "access_accesslogentry",
        "access_accesslogdetail",
        "notifications_notification",
        "ccu_sealedidentity",
    } & set(written), sorted(written)
    assert _identifying(written, reporter) == []
    assert all_logs.records == [] or _log_leaks(all_logs.records, reporter) == []


def test_the_return_and_the_answer_store_nothing_identifying_either(reporter, all_logs):
    line_report, code = line_services.line_report_make(
        what_happened=ACCOUNT, when_where="", anonymity="anonymous", today=timezone.localdate()
    )
    client = _browser(reporter)
    all_logs.clear()
    before = _snapshot()

    seen = client.post(RETURN, {"code": code})
    answered = client.post(RETURN, {"code": code, "reply": "It happens on Fridays."})
    wrong = client.post(RETURN, {"code": "ABCDEFGH-ABCD-ABCD-ABCD-ABCD"})

    assert seen.status_code == answered.status_code == wrong.status_code == 200
    written = _written(before, _snapshot())
    assert set(written) == {"ccu_linemessage", "ccu_historicallinemessage"}
    message = LineMessage.objects.get(line_report=line_report)
    assert message.direction == MessageDirection.FROM_REPORTER
    assert message.written_by is None
    history = message.history.get()
    assert history.history_user is None
    assert timezone.localtime(history.history_date).time() == dt.time.min
    assert _identifying(written, reporter) == []
    assert _log_leaks(all_logs.records, reporter) == []


def test_a_refused_method_is_logged_without_the_reporter(reporter, all_logs):
    """Django logs a refused method with the request attached: by then it has been scrubbed."""
    client = _browser(reporter)
    all_logs.clear()

    response = client.put(REPORT)

    assert response.status_code == 405
    refused = [r for r in all_logs.records if r.name == "django.request"]
    assert refused, "Django logs a refused method"
    assert _log_leaks(all_logs.records, reporter) == []


def test_an_error_on_the_line_is_reported_without_user_headers_or_words(
    reporter, all_logs, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(line_services, "line_report_make", broken)
    client = _browser(reporter)
    client.raise_request_exception = False
    all_logs.clear()

    response = client.post(REPORT, {"what_happened": ACCOUNT, "anonymity": "anonymous"})

    assert response.status_code == 500
    [error] = [r for r in all_logs.records if r.levelno >= logging.ERROR]
    assert _log_leaks(all_logs.records, reporter) == []
    # What an error e-mail (or the debug page) would carry, built as Django builds it.
    reporter_class = get_exception_reporter_class(error.request)
    report = reporter_class(error.request, *error.exc_info)
    for text in (report.get_traceback_text(), report.get_traceback_html()):
        for word in (reporter.username, ADDRESS, AGENT, ACCOUNT, "Zebedee"):
            assert word not in text


def test_the_session_is_left_exactly_as_it_was(reporter):
    client = _browser(reporter)
    key = client.session.session_key
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT session_data, expire_date FROM django_session WHERE session_key=%s", [key]
        )
        before = cursor.fetchone()
    for _ in range(2):
        client.get(reverse("my_ccu:line_start"))
        client.post(REPORT, {"what_happened": ACCOUNT, "anonymity": "anonymous"})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT session_data, expire_date FROM django_session WHERE session_key=%s", [key]
        )
        after = cursor.fetchone()
    assert before == after
    assert LineReport.objects.count() == 2
    # Still signed in: the next ordinary page works, and renews the session as usual.
    assert client.get(reverse("my:declarations")).status_code == 200


def test_the_web_servers_access_log_line_carries_no_address_or_browser(reporter):
    """gunicorn writes its access log from the WSGI environ after the response, and Django's
    request.META is that environ: once the line has scrubbed it, the log line has neither."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    client = _browser(reporter)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    environ = client._base_environ(
        PATH_INFO=reverse("my_ccu:line_start"),
        REQUEST_METHOD="GET",
        HTTP_COOKIE=cookies,
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT=AGENT,
        HTTP_REFERER=REFERRER,
        HTTP_X_FORWARDED_FOR=ADDRESS,
    )
    started = []
    # As the test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers: started.append(status))
        body = b"".join(response)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    assert started == ["200 OK"] and b"Report a concern in confidence" in body
    logged = repr(environ)
    for word in (ADDRESS, AGENT, REFERRER):
        assert word not in logged
