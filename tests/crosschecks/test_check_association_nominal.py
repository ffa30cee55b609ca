"""Association-nominal (CCU): a declared associate matches a CCU person nominal on name plus date
of birth; the finding is the CCU's alone."""

from __future__ import annotations

import datetime as dt

import pytest

from ccu.crosscheck_data import member_nominals
from ccu.models import NominalKind
from registers.associations.models import AssociationStatus
from registers.crosschecks.checks import association_nominal, check_named
from registers.crosschecks.models import Audience, CcuFinding, Finding, FindingStatus, PsdFinding
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from standards.access import policy
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import NominalFactory, NominalLinkFactory, ReportFactory
from tests.registers.associations.factories import AssociationFactory, live_association

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
DOB = dt.date(1984, 3, 7)
NAME = "association-nominal"


def run():
    [result] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return result


def keys() -> set[str]:
    return set(Finding.objects.filter(check_name=NAME).values_list("key", flat=True))


def test_a_declared_associate_known_to_the_ccu_is_a_ccu_finding_about_the_declarant():
    association = live_association(associate_name="Darren O'Neil", associate_date_of_birth=DOB)
    nominal = NominalFactory(name="Mr Darren ONeil", date_of_birth=DOB)

    result = run()

    assert (result.rows_compared, result.findings_new) == (1, 1)
    finding = CcuFinding.objects.get()
    assert finding.key == f"{NAME}:association-{association.pk}:nominal-{nominal.pk}"
    assert finding.audience == Audience.CCU
    assert list(finding.people.all()) == [association.declarant]
    assert finding.details["nominal_reference"] == f"NM-{nominal.pk:06d}"
    assert finding.details["associate_date_of_birth"] == "1984-03-07"
    assert finding.details["nominal_linked_to_declarant"] is False
    assert not PsdFinding.objects.exists()


def test_an_association_awaiting_assessment_is_checked_too():
    association = AssociationFactory(associate_name="Kelly Marsh", associate_date_of_birth=DOB)
    nominal = NominalFactory(name="Kelly Marsh", date_of_birth=DOB)

    run()

    assert keys() == {f"{NAME}:association-{association.pk}:nominal-{nominal.pk}"}


def test_near_misses_and_non_matches_are_not_findings():
    live_association(associate_name="Darren Oneil", associate_date_of_birth=DOB)
    # Same name, another date of birth: another person.
    NominalFactory(name="Darren Oneil", date_of_birth=DOB + dt.timedelta(days=1))
    # Same date of birth, another person's name.
    NominalFactory(name="Darren Walsh", date_of_birth=DOB)
    NominalFactory(name="Kevin Price", date_of_birth=DOB)
    # No date of birth on the nominal: a name alone names too many people.
    NominalFactory(name="Darren Oneil", date_of_birth=None)
    # Not a person at all.
    NominalFactory(name="Darren Oneil", date_of_birth=DOB, kind=NominalKind.ORGANISATION)
    # An associate without a date of birth is never matched either.
    live_association(associate_name="Kevin Price", associate_date_of_birth=None)

    result = run()

    assert result.rows_compared == 2
    assert keys() == set()


def test_a_merged_nominal_is_ignored_in_favour_of_the_one_it_was_merged_into():
    association = live_association(associate_name="Darren Oneil", associate_date_of_birth=DOB)
    kept = NominalFactory(name="Darren Oneil", date_of_birth=DOB)
    NominalFactory(name="Darren O'Neil", date_of_birth=DOB, merged_into=kept)

    run()

    assert keys() == {f"{NAME}:association-{association.pk}:nominal-{kept.pk}"}


def test_an_ended_association_is_not_checked_and_its_finding_is_resolved():
    association = live_association(associate_name="Darren Oneil", associate_date_of_birth=DOB)
    NominalFactory(name="Darren Oneil", date_of_birth=DOB)
    run()
    assert Finding.objects.get().status == FindingStatus.OPEN

    association.status = AssociationStatus.ENDED
    association.ended_on = TODAY
    association.save()
    result = run()

    assert (result.rows_compared, result.findings_resolved) == (0, 1)
    assert Finding.objects.get().status == FindingStatus.RESOLVED


def test_the_finding_says_when_the_nominal_is_already_linked_to_the_declarant():
    association = live_association(associate_name="Darren Oneil", associate_date_of_birth=DOB)
    nominal = NominalFactory(name="Darren Oneil", date_of_birth=DOB)
    NominalLinkFactory(nominal=nominal, report=ReportFactory(subjects=[association.declarant]))

    run()

    assert Finding.objects.get().details["nominal_linked_to_declarant"] is True


def test_a_chunked_run_finds_exactly_what_one_chunk_finds(settings):
    expected = set()
    for index in range(5):
        dob = DOB + dt.timedelta(days=index)
        association = live_association(
            associate_name=f"Associate Number{index}", associate_date_of_birth=dob
        )
        if index % 2 == 0:
            nominal = NominalFactory(name=f"Associate Number{index}", date_of_birth=dob)
            expected.add(f"{NAME}:association-{association.pk}:nominal-{nominal.pk}")

    settings.CROSSCHECK_CHUNK_ROWS = 100
    one = run()
    one_chunk = keys()
    Finding.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 2
    split = run()

    assert one.chunks_total == 1 and split.chunks_total == 3
    assert one_chunk == keys() == expected
    assert split.rows_compared == one.rows_compared == 5


@pytest.mark.parametrize("size", [1, 6])
def test_a_chunk_costs_the_same_queries_however_many_rows(size, django_assert_max_num_queries):
    for index in range(size):
        dob = DOB + dt.timedelta(days=index)
        live_association(associate_name=f"Associate Number{index}", associate_date_of_birth=dob)
        nominal = NominalFactory(name=f"Associate Number{index}", date_of_birth=dob)
        NominalLinkFactory(nominal=nominal)
        NominalFactory(name=f"Someone Else{index}", date_of_birth=dob)
    [params] = association_nominal.plan(today=TODAY)

    # The associations, the nominals and their links: three, whatever the size.
    with django_assert_max_num_queries(3):
        result = association_nominal.run_chunk(params, today=TODAY)

    assert len(result.hits) == size


def test_the_provider_streams_every_person_nominal_with_its_linked_members():
    member = AssociationFactory().declarant
    linked = NominalFactory(name="Linked Person", date_of_birth=DOB)
    report = ReportFactory(subjects=[member])
    NominalLinkFactory(nominal=linked, report=report)
    NominalLinkFactory(nominal=linked)  # a report with no subject links no member
    alone = NominalFactory(name="Nobody Linked")
    merged = NominalFactory(name="Linked Persn", merged_into=linked)
    NominalFactory(kind=NominalKind.VEHICLE, name="AB12 CDE")

    found = {nominal.nominal_id: nominal for nominal in member_nominals()}

    assert set(found) == {linked.pk, alone.pk}
    assert found[linked.pk].member_ids == (member.pk,)
    assert found[linked.pk].date_of_birth == DOB
    assert found[alone.pk].member_ids == ()
    assert merged.pk not in found


def test_the_check_is_registered_for_the_ccu():
    assert check_named(NAME).audience == Audience.CCU


@pytest.mark.parametrize("role", [Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER])
def test_psd_sees_nothing_of_a_ccu_finding(role):
    """The pages are another helper's; the rule behind them: a CCU finding is invisible to PSD
    (their pages 404 because their selector finds nothing)."""
    live_association(associate_name="Darren Oneil", associate_date_of_birth=DOB)
    NominalFactory(name="Darren Oneil", date_of_birth=DOB)
    run()
    psd = UserFactory(roles=[Role.STAFF, role])
    analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])

    assert not policy.visible(psd, CcuFinding.objects.all()).exists()
    assert not policy.visible(psd, PsdFinding.objects.all()).exists()
    assert not policy.visible(psd, Finding.objects.all()).exists()
    assert policy.visible(analyst, CcuFinding.objects.all()).count() == 1
