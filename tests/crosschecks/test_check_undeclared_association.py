"""Undeclared-association (CCU): a person the CCU links to a member through intelligence is none
of the member's declared associations."""

from __future__ import annotations

import datetime as dt

import pytest

from registers.crosschecks.checks import check_named, undeclared_association
from registers.crosschecks.models import Audience, CcuFinding, Finding, FindingStatus, PsdFinding
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from standards.access import policy
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import NominalFactory, NominalLinkFactory, ReportFactory
from tests.people.factories import PersonFactory
from tests.registers.associations.factories import AssociationFactory, live_association

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
DOB = dt.date(1984, 3, 7)
NAME = "undeclared-association"


def linked(member, *, name: str, date_of_birth=DOB, **kwargs):
    """A nominal linked to a report whose subject is ``member``."""
    nominal = NominalFactory(name=name, date_of_birth=date_of_birth, **kwargs)
    NominalLinkFactory(nominal=nominal, report=ReportFactory(subjects=[member]))
    return nominal


def run():
    [result] = crosschecks_run_by_hand(today=TODAY, names=[NAME])
    return result


def keys() -> set[str]:
    return set(Finding.objects.filter(check_name=NAME).values_list("key", flat=True))


def key(nominal, member) -> str:
    return f"{NAME}:nominal-{nominal.pk}:person-{member.pk}"


def test_a_linked_person_the_member_never_declared_is_a_ccu_finding_about_the_member():
    member = PersonFactory()
    nominal = linked(member, name="Darren Oneil")

    result = run()

    assert (result.rows_compared, result.findings_new) == (1, 1)
    finding = CcuFinding.objects.get()
    assert finding.key == key(nominal, member)
    assert finding.audience == Audience.CCU
    assert list(finding.people.all()) == [member]
    assert finding.details["nominal_reference"] == f"NM-{nominal.pk:06d}"
    assert finding.details["declared_associations"] == 0
    assert not PsdFinding.objects.exists()


def test_a_declared_association_with_the_same_name_and_date_of_birth_is_no_finding():
    member = PersonFactory()
    live_association(declarant=member, associate_name="Darren O'Neil", associate_date_of_birth=DOB)
    linked(member, name="Mr Darren ONEIL")

    result = run()

    assert result.rows_compared == 1
    assert keys() == set()


def test_near_misses_are_findings():
    member = PersonFactory()
    live_association(declarant=member, associate_name="Darren Oneil", associate_date_of_birth=DOB)
    # Same name, another date of birth: another person of that name, not declared.
    other_dob = linked(member, name="Darren Oneil", date_of_birth=DOB + dt.timedelta(days=400))
    # Same date of birth, another name.
    other_name = linked(member, name="Kevin Price")

    run()

    assert keys() == {key(other_dob, member), key(other_name, member)}


def test_a_declaration_by_name_only_counts_as_declared():
    """The member declared someone of that name without a date of birth: they told the force;
    the CCU's assessment of the association can ask the date. Not an undeclared association."""
    member = PersonFactory()
    AssociationFactory(
        declarant=member, associate_name="Darren Oneil", associate_date_of_birth=None
    )
    linked(member, name="Darren Oneil")
    # Nor does a nominal without a date of birth disagree with a declaration that has one.
    live_association(declarant=member, associate_name="Kelly Marsh", associate_date_of_birth=DOB)
    linked(member, name="Kelly Marsh", date_of_birth=None)

    assert run().rows_compared == 2
    assert keys() == set()


def test_an_ended_association_was_still_declared():
    member = PersonFactory()
    AssociationFactory(
        declarant=member,
        associate_name="Darren Oneil",
        associate_date_of_birth=DOB,
        status="ended",
        ended_on=TODAY,
    )
    linked(member, name="Darren Oneil")

    run()

    assert keys() == set()


def test_another_members_declaration_does_not_count():
    member, colleague = PersonFactory(), PersonFactory()
    live_association(
        declarant=colleague, associate_name="Darren Oneil", associate_date_of_birth=DOB
    )
    nominal = linked(member, name="Darren Oneil")

    run()

    assert keys() == {key(nominal, member)}


def test_nominals_linked_to_nobody_and_merged_nominals_are_ignored():
    member = PersonFactory()
    NominalFactory(name="Unlinked Person", date_of_birth=DOB)
    NominalLinkFactory(nominal=NominalFactory(name="On A Report Without Subjects"))
    kept = linked(member, name="Darren Oneil")
    linked(member, name="Darren O Neil", merged_into=kept)

    result = run()

    assert result.rows_compared == 1
    assert keys() == {key(kept, member)}


def test_a_nominal_linked_to_two_members_is_a_finding_about_each():
    first, second = PersonFactory(), PersonFactory()
    nominal = NominalFactory(name="Darren Oneil", date_of_birth=DOB)
    NominalLinkFactory(nominal=nominal, report=ReportFactory(subjects=[first, second]))
    live_association(declarant=second, associate_name="Darren Oneil", associate_date_of_birth=DOB)

    run()

    assert keys() == {key(nominal, first)}


def test_declaring_the_association_resolves_the_finding():
    member = PersonFactory()
    linked(member, name="Darren Oneil")
    run()

    AssociationFactory(declarant=member, associate_name="Darren Oneil", associate_date_of_birth=DOB)
    result = run()

    assert result.findings_resolved == 1
    assert Finding.objects.get().status == FindingStatus.RESOLVED


def test_a_chunked_run_finds_exactly_what_one_chunk_finds(settings):
    expected = set()
    for index in range(5):
        member = PersonFactory()
        nominal = linked(member, name=f"Nominal Number{index}")
        if index % 2:
            live_association(
                declarant=member,
                associate_name=f"Nominal Number{index}",
                associate_date_of_birth=DOB,
            )
        else:
            expected.add(key(nominal, member))

    settings.CROSSCHECK_CHUNK_ROWS = 100_000
    one = run()
    one_chunk = keys()
    Finding.objects.all().delete()
    settings.CROSSCHECK_CHUNK_ROWS = 3
    split = run()

    assert one.chunks_total == 1 and split.chunks_total > 1
    assert one_chunk == keys() == expected
    assert split.rows_compared == one.rows_compared == 5


@pytest.mark.parametrize("size", [1, 6])
def test_a_chunk_costs_the_same_queries_however_many_rows(size, django_assert_max_num_queries):
    for index in range(size):
        member = PersonFactory()
        linked(member, name=f"Nominal Number{index}")
        AssociationFactory(declarant=member, associate_name=f"Someone Else{index}")
    [params] = undeclared_association.plan(today=TODAY)

    # The nominals, their links and the members' declarations: three, whatever the size.
    with django_assert_max_num_queries(3):
        result = undeclared_association.run_chunk(params, today=TODAY)

    assert len(result.hits) == size


def test_the_check_is_registered_for_the_ccu():
    assert check_named(NAME).audience == Audience.CCU


@pytest.mark.parametrize("role", [Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER])
def test_psd_sees_nothing_of_a_ccu_finding(role):
    linked(PersonFactory(), name="Darren Oneil")
    run()
    psd = UserFactory(roles=[Role.STAFF, role])

    assert CcuFinding.objects.count() == 1
    assert not policy.visible(psd, CcuFinding.objects.all()).exists()
    assert not policy.visible(psd, Finding.objects.all()).exists()
