"""The integrity board's figures for the cross-checks, one section for each side of the sterile
corridor: PSD's findings (``crosschecks``, read by PSD, the CCU and the board) and the CCU's
(``crosschecks-ccu``, the head of the CCU and the board only). Findings raised and resolved in
the period and open at its end, by check, and what was done about those dealt with. Counts only;
every finding of the side counts, not a viewer's."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from registers.crosschecks.models import Audience, Disposition, Finding, FindingStatus
from registers.crosschecks.selectors.findings import check_titles
from registers.crosschecks.services.findings import dispositions_for
from standards.access.roles import Role
from standards.board.figures import BoardSection, Breakdown, Measure, Section
from standards.core.periods import Period

PSD_KEY = "crosschecks"
CCU_KEY = "crosschecks-ccu"


def _resolved_in(start: dt.date, end: dt.date) -> Q:
    """No longer found by a run, or dealt with by a person, between ``start`` and ``end``."""
    return Q(status=FindingStatus.RESOLVED, resolved_at__date__range=(start, end)) | Q(
        status=FindingStatus.DISPOSED, disposed_at__date__range=(start, end)
    )


def _open_at(day: dt.date) -> Q:
    """Raised by the end of ``day`` and neither resolved nor dealt with by then."""
    closed = Q(status=FindingStatus.RESOLVED, resolved_at__date__lte=day) | Q(
        status=FindingStatus.DISPOSED, disposed_at__date__lte=day
    )
    return Q(first_found_at__date__lte=day) & ~closed


def _figures(*, key: str, audience: str, period: Period) -> Section:
    """Three queries: the totals, the grid by check, and the findings dealt with by outcome."""
    findings = Finding.objects.filter(audience=audience).order_by()
    raised = Q(first_found_at__date__range=(period.start, period.end))
    resolved = _resolved_in(period.start, period.end)
    still_open = _open_at(period.end)
    totals = findings.aggregate(
        raised=Count("pk", filter=raised),
        resolved=Count("pk", filter=resolved),
        open=Count("pk", filter=still_open),
    )
    by_check = {
        row["check_name"]: (row["raised"], row["resolved"], row["open"])
        for row in findings.values("check_name").annotate(
            raised=Count("pk", filter=raised),
            resolved=Count("pk", filter=resolved),
            open=Count("pk", filter=still_open),
        )
    }
    dealt_with = dict(
        findings.filter(
            status=FindingStatus.DISPOSED,
            disposed_at__date__range=(period.start, period.end),
        )
        .values("disposition")
        .annotate(n=Count("pk"))
        .values_list("disposition", "n")
    )
    dispositions = dispositions_for(audience)
    return Section(
        measures=(
            Measure(key=f"{key}.raised", label="Findings raised", value=totals["raised"]),
            Measure(
                key=f"{key}.resolved",
                label="Findings resolved",
                value=totals["resolved"],
                hint="Dealt with by a reviewer, or no longer found by the check",
            ),
            Measure(
                key=f"{key}.dealt_with",
                label="Findings dealt with by a reviewer",
                value=sum(dealt_with.get(value, 0) for value in dispositions),
            ),
            Measure(
                key=f"{key}.open",
                label="Findings open at the end of the period",
                value=totals["open"],
            ),
        ),
        breakdowns=(
            Breakdown(
                key=f"{key}.by_check",
                title="Findings by check",
                row_heading="Check",
                columns=("Raised", "Resolved", "Open at the end"),
                rows=tuple(
                    (title, by_check.get(name, (0, 0, 0)))
                    for name, title in check_titles(audience).items()
                ),
            ),
            Breakdown(
                key=f"{key}.dispositions",
                title="Findings dealt with, by what was done",
                row_heading="What was done",
                columns=("Findings",),
                rows=tuple(
                    (Disposition(value).label, (dealt_with.get(value, 0),))
                    for value in dispositions
                ),
            ),
        ),
    )


def psd_figures(period: Period) -> Section:
    return _figures(key=PSD_KEY, audience=Audience.PSD, period=period)


def ccu_figures(period: Period) -> Section:
    return _figures(key=CCU_KEY, audience=Audience.CCU, period=period)


PSD_SECTION = BoardSection(
    key=PSD_KEY,
    title="Cross-checks",
    order=40,
    figures=psd_figures,
    audience=frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD}),
    summary="What Professional Standards' checks across the registers and the force's records "
    "found, and what was done about it.",
)

CCU_SECTION = BoardSection(
    key=CCU_KEY,
    title="Cross-checks inside the CCU",
    order=41,
    figures=ccu_figures,
    audience=frozenset({Role.CCU_HEAD}),
    sensitive=True,
    summary="What the Counter Corruption Unit's own checks found, and what was done about it.",
)
