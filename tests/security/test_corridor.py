"""The corridor test: every URL pattern, every role, the exact outcome, and nothing leaked.

Rules proven here (DESIGN.md, "The sterile corridor"): CCU material is invisible outside the CCU;
need-to-know inside it; nobody sees a record about themselves; forbidden is indistinguishable
from missing.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from standards.access.models import AccessLogEntry
from tests.helpers import sign_in
from tests.security.registry import NAMESPACES, REGISTRY, Page
from tests.security.world import ANONYMOUS, PERSONAS, build_world

PERSONA_NAMES = [*PERSONAS, ANONYMOUS]


def _walk(patterns, namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if namespace and entry.namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield namespace, entry.name, str(entry.pattern)


def test_every_url_pattern_is_in_the_registry():
    missing = []
    for namespace, name, pattern in _walk(get_resolver().url_patterns):
        top = (namespace or "").split(":")[0]
        if top in NAMESPACES:
            continue
        if name is None:
            missing.append(f"unnamed pattern {pattern!r}")
            continue
        key = f"{namespace}:{name}" if namespace else name
        if key not in REGISTRY:
            missing.append(key)
    assert not missing, f"URL patterns with no corridor entry: {missing}"


def test_registry_names_only_real_patterns():
    known = {
        f"{ns}:{name}" if ns else name for ns, name, _ in _walk(get_resolver().url_patterns) if name
    }
    assert set(REGISTRY) <= known, set(REGISTRY) - known


@pytest.fixture
def world(db):
    return build_world()


def _client(world, persona: str) -> Client:
    client = Client()
    if persona != ANONYMOUS:
        sign_in(client, world.users[persona])
    return client


def _normalise(body: str) -> str:
    """The page without its request id: the only thing a 404 may vary by."""
    return re.sub(r"Reference: [0-9a-f]+", "Reference:", body)


def _cases():
    for name, page in REGISTRY.items():
        yield pytest.param(name, page, id=name)
    for ns, pages in NAMESPACES.items():
        for path, page in pages.items():
            yield pytest.param(path, page, id=f"{ns}{path}")


def _url(world, target: str, page: Page) -> str:
    return target if target.startswith("/") else reverse(target, kwargs=page.kwargs(world))


def _last_log_pk() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _log_rows_since(pk: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(pk__gt=pk).order_by("pk"))


# Tables a request may write without storing anything: the session, sign-in bookkeeping.
_BOOKKEEPING = ("django_session", "axes_", "accounts_user", "otp_")


def _rows_written() -> int:
    """Rows inserted, updated or deleted so far in this test's transaction, outside the sign-in
    bookkeeping: PostgreSQL's per-transaction statistics, so no table can be forgotten."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return sum(n for name, n in cursor.fetchall() if not name.startswith(_BOOKKEEPING))


def _is_justification_page(response) -> bool:
    return any(t.name == "access/justify.html" for t in response.templates or [])


@pytest.mark.parametrize(("target", "page"), list(_cases()))
def test_every_url_for_every_role(world, target: str, page: Page):
    url = _url(world, target, page)
    failures = []
    for persona in PERSONA_NAMES:
        client = _client(world, persona)
        before = _last_log_pk()
        response = client.get(url)
        expected = page.expected(persona)
        if response.status_code != expected:
            failures.append(f"{persona}: got {response.status_code}, expected {expected}")
            continue
        if expected == 200 and persona != ANONYMOUS:
            rows = _log_rows_since(before)
            wanted = page.logs if page.logs is not None else int(page.shows_record)
            if _is_justification_page(response):
                wanted = 0  # the reason is asked for before anything is shown
            if len(rows) != wanted:
                failures.append(f"{persona}: 200 wrote {len(rows)} access-log rows, not {wanted}")
            elif rows and page.shows_record and page.logs is None and not rows[0].record_ref:
                failures.append(f"{persona}: the access-log row does not name the record")
        if expected == 404:
            # Invisible, not forbidden: exactly the page a missing record gets.
            missing = client.get(url.rstrip("/") + "/no-such-page/")
            if _normalise(response.content.decode()) != _normalise(missing.content.decode()):
                failures.append(f"{persona}: the 404 differs from the page for a missing URL")
        location = response.get("Location", "")
        if (
            expected == 302
            and persona == ANONYMOUS
            and not location.startswith("/accounts/sign-in/")
        ):
            failures.append(f"{persona}: redirected to {response['Location']}")
    assert not failures, f"{url}:\n" + "\n".join(failures)


def test_psd_guessing_a_ccu_id_gets_the_page_for_a_missing_one(world):
    """Byte for byte the same, apart from the request id."""
    client = _client(world, "psd_head")
    operation = world.records["operation"]
    real = client.get(reverse("ccu:operation_detail", kwargs={"pk": operation.pk}))
    fake = client.get(reverse("ccu:operation_detail", kwargs={"pk": operation.pk + 10_000}))
    assert real.status_code == fake.status_code == 404
    assert _normalise(real.content.decode()) == _normalise(fake.content.decode())
    assert operation.code_name not in real.content.decode()
    assert set(real.headers) == set(fake.headers)


@pytest.mark.parametrize(("target", "page"), list(_cases()))
def test_every_url_refuses_a_post_from_every_role_that_may_not_act(world, target, page: Page):
    """Every persona who may not act posts to every URL: refused, and nothing is stored."""
    url = _url(world, target, page)
    failures = []
    for persona in PERSONA_NAMES:
        expected = page.expected_post(persona)
        if expected is None:
            continue
        client = _client(world, persona)
        written = _rows_written()
        logged = _last_log_pk()
        response = client.post(url, {"reason": "matrix", "rationale": "matrix"})
        if response.status_code != expected:
            failures.append(f"{persona}: POST got {response.status_code}, expected {expected}")
        location = response.get("Location", "")
        if (
            expected == 302
            and persona == ANONYMOUS
            and not location.startswith("/accounts/sign-in/")
        ):
            failures.append(f"{persona}: POST redirected to {response.get('Location')}")
        if _rows_written() != written or _last_log_pk() != logged:
            failures.append(f"{persona}: a refused POST stored something")
    assert not failures, f"POST {url}:\n" + "\n".join(failures)
