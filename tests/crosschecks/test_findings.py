"""Working the findings: the disposition service's rules and messages, the decision history, the
referral to the CCU, and the corridor between PSD's findings and the CCU's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from registers.crosschecks.models import (
    Audience,
    CcuFinding,
    Disposition,
    Finding,
    FindingDecision,
    FindingStatus,
    PsdFinding,
)
from registers.crosschecks.selectors import findings as selectors
from registers.crosschecks.services.findings import finding_dispose
from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from standards.core import extensions
from tests.accounts.factories import UserFactory
from tests.crosschecks.factories import CrossCheckRunFactory, FindingFactory
from tests.helpers import sign_in
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker():
    return UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])


@pytest.fixture
def analyst():
    return UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])


@pytest.fixture
def officer():
    return PersonFactory(first_name="Dana", last_name="Whitlock")


@pytest.fixture
def psd_finding(officer):
    return FindingFactory(
        people=[officer],
        details={"gift": "GH-000042, dinner from Acme Ltd", "contract": "C-01234"},
    )


@pytest.fixture
def ccu_finding(officer):
    run = CrossCheckRunFactory(check_name="association-nominal", audience=Audience.CCU)
    return FindingFactory(
        first_run=run, people=[officer], summary="Dana Whitlock is linked to nominal N-77"
    )


@pytest.fixture
def open_cases(monkeypatch):
    """The open PSD cases about each person, as the complaints area would answer."""
    cases: dict[int, list[str]] = {}
    monkeypatch.setitem(
        extensions._OPEN_CASES_PROVIDERS, "test", lambda *, person: cases.get(person.pk, [])
    )
    return cases


@pytest.fixture
def told(monkeypatch):
    """What the record listeners (the CCU's watchlist) are told."""
    heard = []
    monkeypatch.setattr(
        extensions, "_RECORD_LISTENERS", {"test": lambda **kwargs: heard.append(kwargs)}
    )
    return heard


def _errors(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- the service -------------------------------------------------------------------------------


def test_a_reason_is_required(psd_finding, caseworker):
    with pytest.raises(ValidationError) as error:
        finding_dispose(
            finding=psd_finding,
            disposition=Disposition.EXPLAINED,
            rationale="   ",
            acting_user=caseworker,
        )
    assert _errors(error.value) == {"rationale": ["Give the reason for this decision"]}
    assert not FindingDecision.objects.exists()
    psd_finding.refresh_from_db()
    assert psd_finding.status == FindingStatus.OPEN


def test_referring_to_a_psd_case_needs_an_open_case_about_its_people(
    psd_finding, caseworker, officer, open_cases
):
    with pytest.raises(ValidationError) as error:
        finding_dispose(
            finding=psd_finding,
            disposition=Disposition.REFERRED_PSD,
            rationale="Part of the complaint about her",
            case_reference="CO-000001",
            acting_user=caseworker,
        )
    assert _errors(error.value)["case_reference"] == [
        "There is no open PSD case about the people in this finding. Record a complaint or "
        "conduct matter first, or choose another decision"
    ]

    open_cases[officer.pk] = ["CO-000007"]
    with pytest.raises(ValidationError) as error:
        finding_dispose(
            finding=psd_finding,
            disposition=Disposition.REFERRED_PSD,
            rationale="Part of the complaint about her",
            case_reference="CO-000001",  # a case, but not one about her
            acting_user=caseworker,
        )
    assert _errors(error.value)["case_reference"] == ["Select the PSD case it was referred to"]
    assert not FindingDecision.objects.exists()

    finding_dispose(
        finding=psd_finding,
        disposition=Disposition.REFERRED_PSD,
        rationale="Part of the complaint about her",
        case_reference="CO-000007",
        acting_user=caseworker,
    )
    psd_finding.refresh_from_db()
    assert (psd_finding.status, psd_finding.case_reference) == (FindingStatus.DISPOSED, "CO-000007")


def test_every_decision_is_kept_and_the_finding_carries_the_latest(psd_finding, caseworker):
    finding_dispose(
        finding=psd_finding,
        disposition=Disposition.FALSE_POSITIVE,
        rationale="A different Acme",
        acting_user=caseworker,
    )
    head = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    finding_dispose(
        finding=psd_finding,
        disposition=Disposition.EXPLAINED,
        rationale="Same Acme after all; the gift was declared and approved",
        case_reference="ignored for this decision",
        acting_user=head,
    )
    decisions = list(FindingDecision.objects.filter(finding=psd_finding).order_by("pk"))
    assert [(d.disposition, d.rationale, d.decided_by) for d in decisions] == [
        (Disposition.FALSE_POSITIVE, "A different Acme", caseworker),
        (
            Disposition.EXPLAINED,
            "Same Acme after all; the gift was declared and approved",
            head,
        ),
    ]
    assert decisions[1].case_reference == ""
    psd_finding.refresh_from_db()
    assert (psd_finding.disposition, psd_finding.disposed_by, psd_finding.status) == (
        Disposition.EXPLAINED,
        head,
        FindingStatus.DISPOSED,
    )


def test_referring_to_the_ccu_gives_the_ccu_its_own_finding_once(
    psd_finding, caseworker, officer, told
):
    for _ in range(2):
        finding_dispose(
            finding=psd_finding,
            disposition=Disposition.REFERRED_CCU,
            rationale="Too close to the supplier; the CCU should know",
            acting_user=caseworker,
        )
    referred = CcuFinding.objects.get()
    assert referred.key == f"{psd_finding.key}:referred"
    assert referred.summary == psd_finding.summary
    assert list(referred.people.all()) == [officer]
    assert referred.status == FindingStatus.OPEN
    assert referred.details["referred_from"] == psd_finding.reference
    # Once, and the CCU's watchlist is told once.
    assert [(t["kind"], t["record"], t["person_ids"]) for t in told] == [
        ("crosscheck", referred, [officer.pk])
    ]
    # It is the CCU's: PSD's selectors never see it.
    assert not selectors.psd_finding_list_for_user(user=caseworker).filter(pk=referred.pk)


def test_a_ccu_finding_is_never_referred_to_psd(ccu_finding, analyst, open_cases, officer):
    open_cases[officer.pk] = ["CO-000007"]
    with pytest.raises(ValidationError) as error:
        finding_dispose(
            finding=ccu_finding,
            disposition=Disposition.REFERRED_PSD,
            rationale="Send it over",
            case_reference="CO-000007",
            acting_user=analyst,
        )
    assert _errors(error.value)["disposition"] == ["Select what was done about the finding"]
    assert not PsdFinding.objects.exists()


def test_a_ccu_finding_taken_on_as_intelligence_names_the_report(ccu_finding, analyst):
    with pytest.raises(ValidationError) as error:
        finding_dispose(
            finding=ccu_finding,
            disposition=Disposition.REFERRED_CCU,
            rationale="Worth recording",
            acting_user=analyst,
        )
    assert _errors(error.value) == {
        "case_reference": ["Enter the reference of the intelligence report"]
    }
    finding_dispose(
        finding=ccu_finding,
        disposition=Disposition.REFERRED_CCU,
        rationale="Worth recording",
        case_reference="IR-000123",
        acting_user=analyst,
    )
    ccu_finding.refresh_from_db()
    assert ccu_finding.case_reference == "IR-000123"
    assert Finding.objects.count() == 1  # nothing crossed anywhere


def test_only_the_findings_side_may_decide_it(psd_finding, ccu_finding, caseworker, analyst):
    with pytest.raises(PermissionDenied):
        finding_dispose(
            finding=ccu_finding,
            disposition=Disposition.EXPLAINED,
            rationale="x",
            acting_user=caseworker,
        )
    with pytest.raises(PermissionDenied):
        finding_dispose(
            finding=psd_finding,
            disposition=Disposition.EXPLAINED,
            rationale="x",
            acting_user=analyst,
        )
    assert not FindingDecision.objects.exists()


# --- the pages ---------------------------------------------------------------------------------


def test_psd_never_sees_a_ccu_finding_anywhere(client, psd_finding, ccu_finding, caseworker):
    sign_in(client, caseworker)
    listing = client.get(reverse("crosschecks:findings"))
    body = listing.content.decode()
    assert psd_finding.reference in body
    assert ccu_finding.reference not in body
    assert "nominal" not in body.lower()
    assert [row.name for row in listing.context["counts"] if row.total] == ["gift-donor-supplier"]
    # Asking for the CCU's check by name finds nothing either.
    filtered = client.get(reverse("crosschecks:findings"), {"check": "association-nominal"})
    assert ccu_finding.reference not in filtered.content.decode()
    for name in ("crosschecks:finding_detail", "crosschecks:finding_dispose"):
        assert client.get(reverse(name, kwargs={"pk": ccu_finding.pk})).status_code == 404
    for name in ("crosschecks:ccu_findings",):
        assert client.get(reverse(name)).status_code == 404
    for name in ("crosschecks:ccu_finding_detail", "crosschecks:ccu_finding_dispose"):
        assert client.get(reverse(name, kwargs={"pk": ccu_finding.pk})).status_code == 404
    runs = client.get(reverse("crosschecks:runs")).content.decode()
    assert ccu_finding.first_run.reference not in runs
    assert psd_finding.first_run.reference in runs
    run = reverse("crosschecks:run_detail", kwargs={"pk": ccu_finding.first_run.pk})
    assert client.get(run).status_code == 404


def test_the_ccu_never_sees_a_psd_finding_on_its_pages(client, psd_finding, ccu_finding, analyst):
    sign_in(client, analyst)
    body = client.get(reverse("crosschecks:ccu_findings")).content.decode()
    assert ccu_finding.reference in body
    assert psd_finding.reference not in body
    assert client.get(reverse("crosschecks:findings")).status_code == 404
    detail = reverse("crosschecks:ccu_finding_detail", kwargs={"pk": psd_finding.pk})
    assert client.get(detail).status_code == 404


def test_nobody_sees_a_finding_about_themselves(client, ccu_finding):
    watched = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    ccu_finding.people.add(watched.person)
    sign_in(client, watched)
    listing = client.get(reverse("crosschecks:ccu_findings")).content.decode()
    assert ccu_finding.reference not in listing
    detail = reverse("crosschecks:ccu_finding_detail", kwargs={"pk": ccu_finding.pk})
    assert client.get(detail).status_code == 404


def test_the_list_puts_open_findings_first_and_filters(client, caseworker):
    run = CrossCheckRunFactory()
    dealt = FindingFactory(first_run=run, status=FindingStatus.DISPOSED)
    gone = FindingFactory(first_run=run, status=FindingStatus.RESOLVED)
    fresh = FindingFactory(first_run=run)
    other = FindingFactory(first_run=CrossCheckRunFactory(check_name="interest-supplier"))
    sign_in(client, caseworker)
    page = client.get(reverse("crosschecks:findings")).context["page"]
    assert [f.status for f in page][:2] == [FindingStatus.OPEN, FindingStatus.OPEN]
    assert {f.pk for f in page} == {dealt.pk, gone.pk, fresh.pk, other.pk}
    only = client.get(
        reverse("crosschecks:findings"), {"check": "gift-donor-supplier", "status": "open"}
    ).context["page"]
    assert [f.pk for f in only] == [fresh.pk]


def test_the_list_costs_the_same_however_many_findings(
    client, caseworker, django_assert_max_num_queries
):
    run = CrossCheckRunFactory()
    for _ in range(40):
        FindingFactory(first_run=run, people=[PersonFactory(), PersonFactory()])
    sign_in(client, caseworker)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("crosschecks:findings"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 40
    assert AccessLogEntry.objects.filter(search_terms="", result_count=40).exists()


def test_the_detail_shows_the_records_people_run_and_history(
    client, psd_finding, caseworker, officer
):
    finding_dispose(
        finding=psd_finding,
        disposition=Disposition.FALSE_POSITIVE,
        rationale="A different Acme",
        acting_user=caseworker,
    )
    finding_dispose(
        finding=psd_finding,
        disposition=Disposition.EXPLAINED,
        rationale="Declared and approved in June",
        acting_user=caseworker,
    )
    sign_in(client, caseworker)
    response = client.get(reverse("crosschecks:finding_detail", kwargs={"pk": psd_finding.pk}))
    body = response.content.decode()
    assert "GH-000042, dinner from Acme Ltd" in body
    assert officer.display_name in body
    assert psd_finding.last_run.reference in body
    assert "A different Acme" in body and "Declared and approved in June" in body
    assert "What happens next" in body
    assert "Change the decision" in body


def test_a_caseworker_records_a_decision(client, psd_finding, caseworker):
    sign_in(client, caseworker)
    url = reverse("crosschecks:finding_dispose", kwargs={"pk": psd_finding.pk})
    refused = client.post(url, {"disposition": Disposition.EXPLAINED, "rationale": ""})
    assert refused.status_code == 200
    assert "Give the reason for this decision" in refused.content.decode()
    no_case = client.post(
        url, {"disposition": Disposition.REFERRED_PSD, "rationale": "Part of her complaint"}
    )
    assert "There is no open PSD case about the people in this finding" in no_case.content.decode()
    assert not FindingDecision.objects.exists()

    done = client.post(
        url, {"disposition": Disposition.EXPLAINED, "rationale": "Declared and approved"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("crosschecks:finding_detail", kwargs={"pk": psd_finding.pk})
    decision = FindingDecision.objects.get()
    assert (decision.disposition, decision.decided_by) == (Disposition.EXPLAINED, caseworker)


def test_the_case_select_offers_the_open_cases_about_its_people(
    client, psd_finding, caseworker, officer, open_cases
):
    open_cases[officer.pk] = ["CO-000007", "CM-000003"]
    sign_in(client, caseworker)
    url = reverse("crosschecks:finding_dispose", kwargs={"pk": psd_finding.pk})
    body = client.get(url).content.decode()
    assert '<option value="CO-000007">' in body and '<option value="CM-000003">' in body
    done = client.post(
        url,
        {
            "disposition": Disposition.REFERRED_PSD,
            "case_reference": "CM-000003",
            "rationale": "Now part of the conduct matter",
        },
    )
    assert done.status_code == 302
    assert FindingDecision.objects.get().case_reference == "CM-000003"


def test_the_ccu_form_offers_no_referral_to_psd(client, ccu_finding, analyst):
    sign_in(client, analyst)
    url = reverse("crosschecks:ccu_finding_dispose", kwargs={"pk": ccu_finding.pk})
    body = client.get(url).content.decode()
    assert Disposition.REFERRED_PSD.value not in body
    assert "Taken on as intelligence" in body
    done = client.post(
        url,
        {
            "disposition": Disposition.REFERRED_CCU,
            "case_reference": "IR-000123",
            "rationale": "Recorded as intelligence",
        },
    )
    assert done.status_code == 302
    assert FindingDecision.objects.get().case_reference == "IR-000123"


def test_each_side_has_its_own_cross_checks_item(client, caseworker, analyst):
    sign_in(client, caseworker)
    nav = client.get(reverse("crosschecks:findings")).context["nav_items"]
    item = next(i for i in nav if i["label"] == "Cross-checks")
    assert (item["url"], item["active"]) == (reverse("crosschecks:findings"), True)
    client.logout()
    sign_in(client, analyst)
    nav = client.get(reverse("crosschecks:runs")).context["nav_items"]
    item = next(i for i in nav if i["label"] == "Cross-checks")
    assert (item["url"], item["active"]) == (reverse("crosschecks:ccu_findings"), True)
