"""Factories for CCU material."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.hashers import make_password

from ccu.models import (
    Action,
    Anonymity,
    CorruptionCategory,
    Grading,
    IntelligenceReport,
    LineReport,
    ManagementIntervention,
    Nominal,
    NominalKind,
    NominalLink,
    Operation,
    ReportSource,
    ReportSubject,
    Route,
    TransferDirection,
    TransferDisclosure,
    WatchlistEntry,
)
from standards.access.roles import Role


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operation
        skip_postgeneration_save = True

    code_name = factory.Sequence(lambda n: f"Operation KESTREL {n}")
    purpose = "Establish whether force systems were used to disclose information."
    opened_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    opened_by = factory.SubFactory("tests.accounts.factories.UserFactory")

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)


class ReportFactory(factory.django.DjangoModelFactory):
    """An intelligence report in the general intake (``operation=...`` puts it in one), with its
    source, owned by a CCU analyst. ``subjects=[person, ...]`` links members of the workforce."""

    class Meta:
        model = IntelligenceReport
        skip_postgeneration_save = True

    received_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=10))
    route = Route.LINE_MANAGER
    sanitised_text = "A member of staff is said to have searched force systems for a relative."
    owner = factory.SubFactory("tests.accounts.factories.UserFactory", roles=[Role.CCU_ANALYST])

    @factory.post_generation
    def source(self, create, extracted, **kwargs):
        if create:
            ReportSource.objects.create(
                report=self,
                original_text=extracted or "Original words of the source, with names.",
                source_details=kwargs.get("details", "Sergeant A, by phone"),
            )

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            for person in extracted:
                ReportSubject.objects.create(
                    report=self, person=person, reason="Named in the report"
                )

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["systems-misuse"]
            self.categories.set(CorruptionCategory.objects.filter(code__in=codes))


class GradingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grading

    report = factory.SubFactory(ReportFactory)
    source_evaluation = "2"
    intelligence_assessment = "B"
    handling_code = "P"
    rationale = "Untested source; corroborated by an audit of the system."


class NominalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nominal

    kind = NominalKind.PERSON
    name = factory.Sequence(lambda n: f"Darren Nominal {n}")
    normalised = factory.LazyAttribute(lambda o: " ".join(o.name.lower().split()))


class NominalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominalLink

    report = factory.SubFactory(ReportFactory)
    nominal = factory.SubFactory(NominalFactory)
    reason = "Named as the person the information was passed to."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    report = factory.SubFactory(ReportFactory)
    description = "Audit the subject's system searches for the last 12 months"
    owner = factory.SelfAttribute("report.owner")
    created_by = factory.SelfAttribute("report.owner")
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=14))


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagementIntervention

    report = factory.SubFactory(ReportFactory)
    subject = factory.SubFactory("tests.people.factories.PersonFactory")
    no_case_confirmed = True
    proposal = "An ethical meeting with the line manager to set out the expected standards."
    proposed_by = factory.SelfAttribute("report.owner")


class LineReportFactory(factory.django.DjangoModelFactory):
    """A confidential-line report and its intelligence report in the general intake. The receipt
    code is ``LineReportFactory.CODE`` (hashed with the test hasher)."""

    class Meta:
        model = LineReport

    CODE = "ABCD2345-EFGH6789-JKLM"

    report = factory.SubFactory(
        ReportFactory, route=Route.CONFIDENTIAL_LINE, owner=None, sanitised_text=""
    )
    received_on = factory.LazyFunction(dt.date.today)
    anonymity = Anonymity.ANONYMOUS
    account = "I saw a colleague take cash from a found-property bag."
    lookup = factory.Sequence(lambda n: f"L{n:07d}")
    code_hash = factory.LazyFunction(lambda: make_password(LineReportFactory.CODE))


class WatchlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WatchlistEntry

    person = factory.SubFactory("tests.people.factories.PersonFactory")
    reason = "Intelligence suggests contact with an organised crime group."
    review_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=90))
    added_by = factory.SubFactory("tests.accounts.factories.UserFactory", roles=[Role.CCU_HEAD])


class TransferDisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferDisclosure

    person = factory.SubFactory("tests.people.factories.PersonFactory")
    direction = TransferDirection.OUTGOING
    other_force = "Durham Constabulary"
    recipient = "Head of Professional Standards, Durham Constabulary"
    recorded_by = factory.SubFactory("tests.accounts.factories.UserFactory", roles=[Role.CCU_HEAD])
