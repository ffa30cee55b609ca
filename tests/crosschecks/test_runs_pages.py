"""The runs pages: each side sees its own checks' runs and may run only its own checks now."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from registers.crosschecks import checks
from registers.crosschecks.models import Audience, CrossCheckRun, RunChunk
from registers.crosschecks.services.findings import crosscheck_run_request
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.crosschecks.factories import CrossCheckRunFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def _check(name: str, audience: Audience) -> checks.Check:
    return checks.Check(
        name=name,
        title=f"Test check {name}",
        audience=audience,
        description=f"What {name} compares",
        plan=lambda *, today: [{"part": 1}, {"part": 2}],
        run_chunk=lambda params, *, today: checks.ChunkResult(rows_compared=5, hits=[]),
    )


def _detail(run) -> str:
    return reverse("crosschecks:run_detail", kwargs={"pk": run.pk})


@pytest.fixture
def two_checks():
    psd = checks.register(_check("test-psd-check", Audience.PSD))
    ccu = checks.register(_check("test-ccu-check", Audience.CCU))
    yield psd, ccu
    checks._CHECKS.pop("test-psd-check")
    checks._CHECKS.pop("test-ccu-check")


@pytest.fixture
def caseworker():
    return UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])


@pytest.fixture
def analyst():
    return UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])


def test_each_side_sees_only_its_own_checks_and_runs(client, two_checks, caseworker, analyst):
    psd_run = CrossCheckRunFactory(
        check_name="test-psd-check", audience=Audience.PSD, rows_compared=1234, findings_new=7
    )
    ccu_run = CrossCheckRunFactory(check_name="test-ccu-check", audience=Audience.CCU)
    sign_in(client, caseworker)
    body = client.get(reverse("crosschecks:runs")).content.decode()
    assert "Test check test-psd-check" in body and psd_run.reference in body and "1234" in body
    assert "test-ccu-check" not in body and ccu_run.reference not in body
    assert client.get(_detail(ccu_run)).status_code == 404
    assert client.get(_detail(psd_run)).status_code == 200

    client.logout()
    sign_in(client, analyst)
    body = client.get(reverse("crosschecks:runs")).content.decode()
    assert "Test check test-ccu-check" in body and ccu_run.reference in body
    assert "test-psd-check" not in body and psd_run.reference not in body
    assert client.get(_detail(psd_run)).status_code == 404


def test_run_now_starts_a_run_of_the_users_own_side_only(client, two_checks, caseworker):
    sign_in(client, caseworker)
    other = client.post(reverse("crosschecks:run_start", kwargs={"name": "test-ccu-check"}))
    assert other.status_code == 404
    missing = client.post(reverse("crosschecks:run_start", kwargs={"name": "no-such-check"}))
    assert missing.status_code == 404
    assert not CrossCheckRun.objects.exists()

    response = client.post(reverse("crosschecks:run_start", kwargs={"name": "test-psd-check"}))
    run = CrossCheckRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("crosschecks:run_detail", kwargs={"pk": run.pk})
    assert (run.check_name, run.started_by, run.chunks_total) == ("test-psd-check", caseworker, 2)
    # Pressed again while it runs: the same run carries on, not a second one.
    client.post(reverse("crosschecks:run_start", kwargs={"name": "test-psd-check"}))
    assert CrossCheckRun.objects.count() == 1

    detail = client.get(response["Location"]).content.decode()
    assert "2 chunks" in detail and "What happens next" in detail
    assert RunChunk.objects.filter(run=run).count() == 2


def test_the_runs_page_costs_the_same_however_many_runs(
    client, two_checks, caseworker, django_assert_max_num_queries
):
    for _ in range(30):
        CrossCheckRunFactory(
            check_name="test-psd-check", audience=Audience.PSD, started_by=UserFactory()
        )
    sign_in(client, caseworker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("crosschecks:runs"))
    assert len(response.context["runs"]) == 30


def test_the_service_runs_only_a_check_of_the_users_side(two_checks, caseworker, analyst):
    with pytest.raises(PermissionDenied):
        crosscheck_run_request(check_name="test-ccu-check", acting_user=caseworker)
    with pytest.raises(PermissionDenied):
        crosscheck_run_request(check_name="test-psd-check", acting_user=analyst)
    assert not CrossCheckRun.objects.exists()
    run = crosscheck_run_request(check_name="test-ccu-check", acting_user=analyst)
    assert (run.audience, run.started_by) == (Audience.CCU, analyst)
