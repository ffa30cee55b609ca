"""The annual declaration's services and the declaration year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from registers.annual import services
from registers.annual.models import (
    AnnualDeclaration,
    PolicyKind,
    PolicyVersion,
    due_on,
    latest_due_year,
    year_label,
    year_of,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 10)


def _current_ids() -> list[int]:
    return list(PolicyVersion.objects.current().values_list("pk", flat=True))


def test_the_current_policies_are_installed_as_data():
    current = PolicyVersion.objects.current()
    assert {version.kind for version in current} == set(PolicyKind.values)
    assert all(version.history.exists() for version in current)


def test_the_declaration_year_is_the_financial_year(settings):
    settings.ANNUAL_DECLARATION_DUE_MONTH = 6
    settings.ANNUAL_DECLARATION_DUE_DAY = 30
    assert year_of(dt.date(2026, 3, 31)) == 2025
    assert year_of(dt.date(2026, 4, 1)) == 2026
    assert year_label(2026) == "2026/27"
    assert due_on(2026) == dt.date(2026, 6, 30)
    assert latest_due_year(dt.date(2026, 6, 30)) == 2025
    assert latest_due_year(dt.date(2026, 7, 1)) == 2026
    # A due date in January to March is in the financial year's second calendar year.
    settings.ANNUAL_DECLARATION_DUE_MONTH = 1
    settings.ANNUAL_DECLARATION_DUE_DAY = 31
    assert due_on(2026) == dt.date(2027, 1, 31)


def test_a_member_makes_the_declaration_once_a_year_with_the_versions_confirmed(staff_member):
    declaration = services.annual_declaration_make(
        policy_ids=_current_ids(),
        declarations_complete=True,
        nil_gifts=True,
        acting_user=staff_member,
        today=TODAY,
    )
    assert declaration.person == staff_member.person
    assert declaration.year == 2026
    assert set(declaration.policies.all()) == set(PolicyVersion.objects.current())
    assert declaration.nil_gifts and not declaration.nil_interests
    record = declaration.history.get(history_type="+")
    assert record.history_change_reason == services.REASON_MADE
    assert record.history_user == staff_member
    with pytest.raises(ValidationError, match="already made your annual declaration for 2026/27"):
        services.annual_declaration_make(
            policy_ids=_current_ids(),
            declarations_complete=True,
            acting_user=staff_member,
            today=TODAY,
        )
    assert AnnualDeclaration.objects.count() == 1


def test_every_current_policy_must_be_confirmed(staff_member):
    gifts = PolicyVersion.objects.current().get(kind=PolicyKind.GIFTS)
    with pytest.raises(ValidationError) as error:
        services.annual_declaration_make(
            policy_ids=[pk for pk in _current_ids() if pk != gifts.pk],
            declarations_complete=True,
            acting_user=staff_member,
            today=TODAY,
        )
    assert gifts.title in error.value.message_dict["policies"][0]
    assert not AnnualDeclaration.objects.exists()


def test_the_declarations_must_be_confirmed_complete(staff_member):
    with pytest.raises(ValidationError) as error:
        services.annual_declaration_make(
            policy_ids=_current_ids(),
            declarations_complete=False,
            acting_user=staff_member,
            today=TODAY,
        )
    assert "declarations_complete" in error.value.message_dict
    assert not AnnualDeclaration.objects.exists()


def test_a_version_published_since_the_page_opened_must_be_confirmed(staff_member, psd_head):
    seen = _current_ids()
    new = services.policy_version_publish(
        kind=PolicyKind.GIFTS,
        version="5.0",
        title="Gifts, gratuities and hospitality",
        summary="Declare everything over £5.",
        url="https://intranet.example/gifts-5",
        published_on=dt.date(2026, 5, 1),
        acting_user=psd_head,
    )
    with pytest.raises(ValidationError, match=r"version 5\.0"):
        services.annual_declaration_make(
            policy_ids=seen, declarations_complete=True, acting_user=staff_member, today=TODAY
        )
    declaration = services.annual_declaration_make(
        policy_ids=_current_ids(), declarations_complete=True, acting_user=staff_member, today=TODAY
    )
    assert new in declaration.policies.all()


def test_publishing_a_version_replaces_the_current_one_with_history(psd_head):
    old = PolicyVersion.objects.current().get(kind=PolicyKind.INTERESTS)
    new = services.policy_version_publish(
        kind=PolicyKind.INTERESTS,
        version="4.0",
        title="Business interests",
        summary="Apply before you start.",
        url="https://intranet.example/interests-4",
        published_on=dt.date(2026, 5, 1),
        acting_user=psd_head,
    )
    old.refresh_from_db()
    assert not old.is_current and new.is_current
    assert old.history.first().history_change_reason == services.REASON_SUPERSEDED
    assert new.history.get(history_type="+").history_user == psd_head
    with pytest.raises(ValidationError, match="already exists"):
        services.policy_version_publish(
            kind=PolicyKind.INTERESTS,
            version="4.0",
            title="Again",
            summary="Again.",
            url="https://intranet.example/again",
            published_on=dt.date(2026, 5, 1),
            acting_user=psd_head,
        )


def test_only_a_psd_decision_maker_publishes(caseworker):
    with pytest.raises(PermissionError):
        services.policy_version_publish(
            kind=PolicyKind.GIFTS,
            version="9",
            title="Gifts",
            summary="Summary.",
            url="https://intranet.example/gifts-9",
            published_on=dt.date(2026, 5, 1),
            acting_user=caseworker,
        )
    assert PolicyVersion.objects.filter(version="9").count() == 0
