"""What the CCU holds on members of the workforce, as the viewer may see it: shown beside an
intelligence check so the analyst answers it from the holdings in front of them.

Everything is read through the access policy: a report in an operation the analyst is not
granted is neither counted nor shown, nor are its nominal links, and a CCU member is never shown
their own holdings. A whole list's reports and nominal links are two queries however many people
are on it; the other areas' records come through ``extensions.person_links``, each area counting
through its own list selector (a fixed number of queries a person).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ccu.models import NominalLink, ReportSubject
from standards.access import policy
from standards.core import extensions

# The reports and nominals listed beside a person; the count says how many more there are.
SHOWN = 5


@dataclass
class Holdings:
    person: object
    reports: list = field(default_factory=list)  # IntelligenceReport, newest first
    nominals: list = field(default_factory=list)  # NominalLink, one a nominal
    links: list[extensions.PersonLink] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        return len(self.reports)

    @property
    def reports_shown(self) -> list:
        return self.reports[:SHOWN]

    @property
    def nominals_shown(self) -> list:
        return self.nominals[:SHOWN]

    @property
    def other_records(self) -> list[extensions.PersonLink]:
        return [link for link in self.links if link.count]

    @property
    def is_empty(self) -> bool:
        return not (self.reports or self.nominals or self.other_records)


def people_holdings(*, user, people: Iterable) -> dict[int, Holdings]:
    """Each person's holdings, by person id; the viewer themselves is left out (nobody sees
    what the CCU holds on them, even in the CCU). Nothing at all outside the CCU."""
    if not policy.in_ccu(user):
        return {}
    people = [person for person in people if person.pk != user.person_id]
    holdings = {person.pk: Holdings(person=person) for person in people}
    if not holdings:
        return {}
    subjects = policy.visible(
        user,
        ReportSubject.objects.filter(person_id__in=holdings).select_related("report"),
    ).order_by("-report__received_on", "-report_id")
    report_people: dict[int, list[int]] = {}
    for row in subjects:
        holdings[row.person_id].reports.append(row.report)
        report_people.setdefault(row.report_id, []).append(row.person_id)
    if report_people:
        links = policy.visible(
            user,
            NominalLink.objects.filter(report_id__in=report_people).select_related("nominal"),
        ).order_by("nominal__name", "nominal_id", "report_id")
        for link in links:
            for person_id in report_people[link.report_id]:
                nominals = holdings[person_id].nominals
                if not any(seen.nominal_id == link.nominal_id for seen in nominals):
                    nominals.append(link)
    for person in people:
        holdings[person.pk].links = extensions.person_links(viewer=user, person=person)
    return holdings


def person_holdings(*, user, person) -> Holdings | None:
    """One person's holdings (``people_holdings`` for one); None for the viewer themselves or
    outside the CCU."""
    return people_holdings(user=user, people=[person]).get(person.pk)
