"""Reads of the nominal index, search and the link chart, through the access policy.

Everything here is built from what the viewer may see (``ccu.rules``): a report or nominal in an
operation the analyst is not granted appears in no list, search result, count or chart. Search
reads the sanitised text only (the ``search_document`` the database keeps from it); the original
text and source are never indexed, so they can never match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.http import Http404
from django.urls import reverse

from ccu.matching import Candidate, Suggestion, suggest_duplicates
from ccu.models import IntelligenceReport, Nominal, NominalLink, Operation, ReportSubject
from standards.access import policy
from standards.people.models import Person
from standards.people.selectors import person_get_for_user

# The link chart: at most this many nodes, reached in at most two hops from where it starts.
CHART_MAX_NODES = 200
# How many reports a chart reads at each hop (the nodes cap trims what is drawn).
CHART_MAX_REPORTS = 100


def _require_ccu(user) -> None:
    if not policy.in_ccu(user):
        raise Http404


# --- the index -----------------------------------------------------------------------------------


def require_index(*, user) -> None:
    """The index's pages exist only inside the CCU."""
    _require_ccu(user)


def filter_nominals(nominals: QuerySet[Nominal], *, kind: str, query: str) -> QuerySet[Nominal]:
    """The list narrowed by kind and by words of the name or details."""
    if kind:
        nominals = nominals.filter(kind=kind)
    return _match_nominals(nominals, query)


def nominal_list_for_user(*, user) -> QuerySet[Nominal]:
    """The nominals the user may see (merged duplicates left out), by name; a 404 outside the
    CCU."""
    _require_ccu(user)
    return (
        policy.visible(user, Nominal.objects.filter(merged_into__isnull=True))
        .select_related("operation")
        .order_by("name", "pk")
    )


def nominal_get_for_user(*, user, pk: int) -> Nominal:
    """The nominal, or 404 - missing and out of sight alike."""
    nominal = (
        policy.visible(user, Nominal.objects.select_related("operation", "merged_into"))
        .filter(pk=pk)
        .first()
    )
    if nominal is None:
        raise Http404
    return nominal


def nominal_get_for_work(*, user, pk: int) -> Nominal:
    """The nominal for a page that changes it (merging): its compartment's workers and the head."""
    nominal = (
        policy.changeable(user, Nominal.objects.select_related("operation", "merged_into"))
        .filter(pk=pk)
        .first()
    )
    if nominal is None:
        raise Http404
    return nominal


def nominal_reports(*, user, nominal: Nominal) -> QuerySet[NominalLink]:
    """The nominal's links to reports the user may see, newest report first."""
    return (
        policy.visible(user, NominalLink.objects.filter(nominal=nominal))
        .select_related("report", "report__operation")
        .order_by("-report__received_on", "-report__pk")
    )


def report_nominal_links(*, user, report: IntelligenceReport) -> QuerySet[NominalLink]:
    """The nominals linked to a report (those the user may see), by name."""
    return (
        policy.visible(user, NominalLink.objects.filter(report=report))
        .select_related("nominal", "linked_by")
        .order_by("nominal__name", "pk")
    )


def link_get_for_work(*, user, report: IntelligenceReport, pk: int) -> NominalLink:
    link = policy.changeable(user, NominalLink.objects.filter(report=report, pk=pk)).first()
    if link is None:
        raise Http404
    return link


def may_link(*, user, report: IntelligenceReport) -> bool:
    """Whether the user may link nominals to the report (its compartment's workers, the head)."""
    return policy.can_change(user, report)


def linkable_nominals(
    *, user, report: IntelligenceReport, query: str, include: str | int | None = None
) -> QuerySet[Nominal]:
    """Nominals the user could link to the report: in its compartment or the general index,
    matching ``query`` (or the one ``include`` names), not already linked."""
    compartment = Q(operation__isnull=True)
    if report.operation_id:
        compartment |= Q(operation_id=report.operation_id)
    nominals = (
        policy.changeable(user, Nominal.objects.filter(merged_into__isnull=True))
        .filter(compartment)
        .exclude(links__report=report)
    )
    if include is not None:
        return nominals.filter(pk=int(include) if str(include).isdigit() else 0)
    return _match_nominals(nominals, query).order_by("name", "pk")[:20]


def operations_for_nominal(*, user) -> QuerySet[Operation]:
    """The open operations a user may record a nominal in."""
    return policy.changeable(user, Operation.objects.filter(closed_on__isnull=True)).order_by(
        "code_name"
    )


def may_merge(*, user, nominal: Nominal) -> bool:
    return policy.can_change(user, nominal) and nominal.merged_into_id is None


def merge_candidates(
    *, user, duplicate: Nominal, query: str, include: int | None = None
) -> list[Nominal]:
    """Nominals of the same kind the duplicate could be merged into: those matching ``query``
    (its own name when there is none), and the one ``include`` names."""
    nominals = (
        policy.changeable(user, Nominal.objects.filter(merged_into__isnull=True))
        .filter(kind=duplicate.kind)
        .exclude(pk=duplicate.pk)
    )
    matched = _match_nominals(nominals, query or duplicate.name).order_by("name", "pk")[:20]
    found = {nominal.pk: nominal for nominal in matched}
    if include is not None and include not in found:
        found.update({nominal.pk: nominal for nominal in nominals.filter(pk=include)})
    return list(found.values())


# --- duplicate suggestions -----------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    first: Nominal
    second: Nominal
    score: int
    reasons: tuple[str, ...]


def duplicate_suggestions(*, user, limit: int = 50) -> list[DuplicatePair]:
    """Pairs of nominals (both visible to the user, neither merged) that may be the same, best
    first (``ccu.matching``: blocked, never every pair)."""
    _require_ccu(user)
    rows = (
        policy.visible(user, Nominal.objects.filter(merged_into__isnull=True))
        .order_by()
        .values_list("pk", "kind", "normalised", "date_of_birth")
    )
    found: list[Suggestion] = suggest_duplicates(Candidate(*row) for row in rows).found[:limit]
    wanted = {pk for s in found for pk in (s.first, s.second)}
    nominals = Nominal.objects.select_related("operation").in_bulk(wanted)
    return [DuplicatePair(nominals[s.first], nominals[s.second], s.score, s.reasons) for s in found]


# --- search -------------------------------------------------------------------------------------


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _match_nominals(nominals: QuerySet[Nominal], query: str) -> QuerySet[Nominal]:
    query = (query or "").strip()
    if not query:
        return nominals
    if _postgres():
        words = SearchQuery(query, config="simple", search_type="websearch")
        return nominals.filter(search_document=words)
    return nominals.filter(Q(name__icontains=query) | Q(details__icontains=query))


@dataclass
class SearchResults:
    """Reports and nominals matching a query, best first; each a query set to paginate (a page
    and a count)."""

    query: str
    reports: QuerySet[IntelligenceReport]
    nominals: QuerySet[Nominal]
    ranked: bool = field(default=False)


def search_page(results: QuerySet, *, number, size: int) -> Page:
    """One page of search results and the total, in one query: the total rides on each row
    (``COUNT(*) OVER ()``), so the matching rows are read once, not again for a count."""
    paginator = Paginator(results, size)
    try:
        number = max(1, int(number or 1))
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * size
    rows = list(results.annotate(total=Window(Count("*")))[offset : offset + size])
    if rows:
        paginator.__dict__["count"] = rows[0].total
    elif number > 1:  # past the end: the last page instead
        return search_page(results, number=max(1, -(-results.count() // size)), size=size)
    else:
        paginator.__dict__["count"] = 0
    return Page(rows, number, paginator)


def search(*, user, query: str) -> SearchResults:
    """Full-text search across the reports' sanitised text and the nominals, only what the user
    may see; a 404 outside the CCU."""
    _require_ccu(user)
    query = (query or "").strip()
    reports = policy.visible(user, IntelligenceReport.objects.all()).select_related("operation")
    nominals = policy.visible(user, Nominal.objects.filter(merged_into__isnull=True))
    if not query:
        return SearchResults(query, reports.none(), nominals.none())
    if _postgres():
        words = SearchQuery(query, config="english", search_type="websearch")
        reports = (
            reports.filter(search_document=words)
            .annotate(rank=SearchRank(F("search_document"), words))
            .order_by("-rank", "-received_on", "-pk")
        )
        names = SearchQuery(query, config="simple", search_type="websearch")
        nominals = (
            nominals.filter(search_document=names)
            .annotate(rank=SearchRank(F("search_document"), names))
            .order_by("-rank", "name", "pk")
        )
        return SearchResults(query, reports, nominals, ranked=True)
    reports = reports.filter(sanitised_text__icontains=query).order_by("-received_on", "-pk")
    nominals = nominals.filter(
        Q(name__icontains=query) | Q(details__icontains=query) | Q(normalised__icontains=query)
    ).order_by("name", "pk")
    return SearchResults(query, reports, nominals)


# --- the link chart ------------------------------------------------------------------------------


@dataclass
class Network:
    """Nodes and edges for the chart (cytoscape's elements) and the same links as rows for the
    table beneath it."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)
    truncated: bool = False

    def add_node(self, key: str, *, label: str, kind: str, url: str = "") -> bool:
        if key in self.nodes:
            return True
        if len(self.nodes) >= CHART_MAX_NODES:
            self.truncated = True
            return False
        self.nodes[key] = {"id": key, "label": label, "kind": kind, "url": url}
        return True

    def add_edge(self, source: str, target: str, label: str) -> None:
        if source in self.nodes and target in self.nodes:
            edge_id = f"{source}-{target}"
            if not any(edge["id"] == edge_id for edge in self.edges):
                self.edges.append(
                    {"id": edge_id, "source": source, "target": target, "label": label}
                )

    @property
    def elements(self) -> list[dict]:
        return [{"data": node} for node in self.nodes.values()] + [
            {"data": edge} for edge in self.edges
        ]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"person": 0, "report": 0, "nominal": 0, "operation": 0, "links": len(self.edges)}
        for node in self.nodes.values():
            counts[node["kind"]] += 1
        return counts

    @property
    def rows(self) -> list[dict]:
        return [
            {
                "source": self.nodes[edge["source"]],
                "target": self.nodes[edge["target"]],
                "label": edge["label"],
            }
            for edge in self.edges
        ]


def _person_key(person_id: int) -> str:
    return f"person-{person_id}"


def _add_report(network: Network, report: IntelligenceReport) -> bool:
    return network.add_node(
        f"report-{report.pk}",
        label=report.reference,
        kind="report",
        url=reverse("ccu:report", args=[report.pk]),
    )


def _add_nominal(network: Network, nominal: Nominal) -> bool:
    return network.add_node(
        f"nominal-{nominal.pk}",
        label=nominal.name,
        kind="nominal",
        url=reverse("ccu:nominal_detail", args=[nominal.pk]),
    )


def _add_person(network: Network, person: Person) -> bool:
    return network.add_node(
        _person_key(person.pk),
        label=person.display_name,
        kind="person",
        url=reverse("ccu:person_chart", args=[person.pk]),
    )


def _grow(network: Network, *, user, report_ids: list[int]) -> None:
    """Add the nominals and members linked to ``report_ids`` (all visible to ``user``), then the
    other reports those nominals are linked to and their members: the second hop. Four queries."""
    links = list(
        policy.visible(user, NominalLink.objects.filter(report_id__in=report_ids))
        .select_related("nominal", "report")
        .order_by("report_id", "nominal__name")[: CHART_MAX_NODES * 2]
    )
    subjects = list(
        policy.visible(user, ReportSubject.objects.filter(report_id__in=report_ids))
        .select_related("person", "report")
        .order_by("report_id", "pk")[: CHART_MAX_NODES * 2]
    )
    for link in links:
        if _add_nominal(network, link.nominal):
            network.add_edge(f"report-{link.report_id}", f"nominal-{link.nominal_id}", link.reason)
    for subject in subjects:
        if _add_person(network, subject.person):
            network.add_edge(
                _person_key(subject.person_id), f"report-{subject.report_id}", subject.reason
            )
    # Second hop: other reports naming the same nominals, and who they are about.
    nominal_ids = {link.nominal_id for link in links}
    further = list(
        policy.visible(
            user,
            NominalLink.objects.filter(nominal_id__in=nominal_ids).exclude(
                report_id__in=report_ids
            ),
        )
        .select_related("report")
        .order_by("-report__received_on", "pk")[:CHART_MAX_REPORTS]
    )
    for link in further:
        if _add_report(network, link.report):
            network.add_edge(f"report-{link.report_id}", f"nominal-{link.nominal_id}", link.reason)
    further_ids = {link.report_id for link in further}
    for subject in (
        policy.visible(user, ReportSubject.objects.filter(report_id__in=further_ids))
        .select_related("person")
        .order_by("report_id", "pk")[:CHART_MAX_REPORTS]
    ):
        if _add_person(network, subject.person):
            network.add_edge(
                _person_key(subject.person_id), f"report-{subject.report_id}", subject.reason
            )


def person_get_for_chart(*, user, pk: int) -> Person:
    """A member of the workforce whose link chart the CCU may draw; 404 outside the CCU and for
    the member themselves."""
    _require_ccu(user)
    if pk == getattr(user, "person_id", None):
        raise Http404
    return person_get_for_user(user=user, pk=pk)


def person_network(*, user, person: Person) -> Network:
    """The member, the reports about them the user may see, those reports' nominals and other
    members, and (second hop) the other reports naming the same nominals."""
    _require_ccu(user)
    network = Network()
    _add_person(network, person)
    reports = list(
        policy.visible(user, IntelligenceReport.objects.filter(report_subjects__person=person))
        .order_by("-received_on", "-pk")
        .distinct()[:CHART_MAX_REPORTS]
    )
    for report in reports:
        if _add_report(network, report):
            network.add_edge(_person_key(person.pk), f"report-{report.pk}", "Subject of")
    _grow(network, user=user, report_ids=[report.pk for report in reports])
    return network


def operation_network(*, user, operation: Operation) -> Network:
    """The operation, the reports in it the user may see, their nominals and members, and
    (second hop) the other reports naming the same nominals."""
    _require_ccu(user)
    network = Network()
    operation_key = f"operation-{operation.pk}"
    network.add_node(
        operation_key,
        label=operation.code_name,
        kind="operation",
        url=reverse("ccu:operation_detail", args=[operation.pk]),
    )
    reports = list(
        policy.visible(user, IntelligenceReport.objects.filter(operation=operation)).order_by(
            "-received_on", "-pk"
        )[:CHART_MAX_REPORTS]
    )
    for report in reports:
        if _add_report(network, report):
            network.add_edge(operation_key, f"report-{report.pk}", "In the operation")
    _grow(network, user=user, report_ids=[report.pk for report in reports])
    return network
