"""The corridor test: every URL pattern, every role, the exact outcome, and nothing leaked.

Rules proven here (DESIGN.md, "The sterile corridor"): CCU material is invisible outside the CCU;
need-to-know inside it; nobody sees a record about themselves; forbidden is indistinguishable
from missing.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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


@pytest.mark.parametrize(("target", "page"), list(_cases()))
def test_every_url_for_every_role(world, target: str, page: Page):
    url = target if target.startswith("/") else reverse(target, kwargs=page.kwargs(world))
    failures = []
    for persona in PERSONA_NAMES:
        client = _client(world, persona)
        response = client.get(url)
        expected = page.expected(persona)
        if response.status_code != expected:
            failures.append(f"{persona}: got {response.status_code}, expected {expected}")
            continue
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
