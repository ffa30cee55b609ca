"""Reads of the cross-checks' findings, through the access policy (``registers.crosschecks.rules``).

PSD findings are read through ``PsdFinding`` and the CCU's through ``CcuFinding``, each with its
own rule: a CCU finding is a 404 to PSD in the list, the detail, the counts and the runs, exactly
as a missing one. Nobody sees a finding about themselves (the rules' ``subject_paths``), and the
lists and counts are built on the same filtered querysets, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from registers.crosschecks.checks import registered_checks
from registers.crosschecks.models import (
    Audience,
    CcuFinding,
    Finding,
    FindingDecision,
    FindingStatus,
    PsdFinding,
)
from standards.access import policy

# Open first (what still needs a person), then dealt with, then no longer found.
_STATUS_ORDER = {FindingStatus.OPEN: 0, FindingStatus.DISPOSED: 1, FindingStatus.RESOLVED: 2}

# A finding PSD referred to the CCU is written under this name: no check produces it, so no run
# resolves it (a run resolves only its own check's findings it no longer finds).
REFERRED_CHECK = "psd-referral"


def require_psd(*, user) -> None:
    """A PSD findings page that shows no one finding exists only for Professional Standards."""
    if not policy.in_psd(user):
        raise Http404


def require_ccu(*, user) -> None:
    if not policy.in_ccu(user):
        raise Http404


def check_titles(audience: str) -> dict[str, str]:
    """The checks of one side of the corridor, by name, in the order they run."""
    titles = {
        check.name: check.title for check in registered_checks() if check.audience == audience
    }
    if audience == Audience.CCU:
        titles[REFERRED_CHECK] = "Referred by Professional Standards"
    return titles


def _list(model, *, user, check: str = "", status: str = "") -> QuerySet[Finding]:
    findings = policy.visible(user, model.objects.all())
    if check:
        findings = findings.filter(check_name=check)
    if status:
        findings = findings.filter(status=status)
    return (
        findings.prefetch_related("people")
        .alias(open_first=~Q(status=FindingStatus.OPEN))
        .order_by("open_first", "-last_found_at", "-pk")
    )


def _counts(model, *, user) -> dict[str, dict[str, int]]:
    """Per check: open and all findings the user may see (one query)."""
    rows = (
        policy.visible(user, model.objects.all())
        .order_by()
        .values("check_name")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=FindingStatus.OPEN)))
    )
    return {row["check_name"]: {"open": row["open"], "total": row["total"]} for row in rows}


def _get(model, *, user, pk: int) -> Finding:
    finding = (
        policy.visible(user, model.objects.select_related("last_run", "disposed_by__person"))
        .prefetch_related("people__org_unit")
        .filter(pk=pk)
        .first()
    )
    if finding is None:
        raise Http404
    return finding


def _get_to_dispose(model, *, user, pk: int) -> Finding:
    finding = (
        policy.changeable(user, model.objects.select_related("last_run"))
        .prefetch_related("people")
        .filter(pk=pk)
        .first()
    )
    if finding is None:
        raise Http404
    return finding


def psd_finding_list_for_user(*, user, check: str = "", status: str = "") -> QuerySet[Finding]:
    """PSD findings the user may see, open first then the most recently found; 404 outside PSD."""
    require_psd(user=user)
    return _list(PsdFinding, user=user, check=check, status=status)


def psd_finding_counts_for_user(*, user) -> dict[str, dict[str, int]]:
    require_psd(user=user)
    return _counts(PsdFinding, user=user)


def psd_finding_get_for_user(*, user, pk: int) -> PsdFinding:
    return _get(PsdFinding, user=user, pk=pk)


def psd_finding_get_for_disposal(*, user, pk: int) -> PsdFinding:
    return _get_to_dispose(PsdFinding, user=user, pk=pk)


def ccu_finding_list_for_user(*, user, check: str = "", status: str = "") -> QuerySet[Finding]:
    """CCU findings the user may see; a 404 outside the CCU."""
    require_ccu(user=user)
    return _list(CcuFinding, user=user, check=check, status=status)


def ccu_finding_counts_for_user(*, user) -> dict[str, dict[str, int]]:
    require_ccu(user=user)
    return _counts(CcuFinding, user=user)


def ccu_finding_get_for_user(*, user, pk: int) -> CcuFinding:
    return _get(CcuFinding, user=user, pk=pk)


def ccu_finding_get_for_disposal(*, user, pk: int) -> CcuFinding:
    return _get_to_dispose(CcuFinding, user=user, pk=pk)


def finding_decisions(*, finding: Finding) -> list[FindingDecision]:
    """Every decision on the finding, oldest first: who decided what, and why."""
    return list(finding.decisions.select_related("decided_by__person").order_by("decided_at", "pk"))


@dataclass(frozen=True)
class CheckCount:
    name: str
    title: str
    open: int
    total: int


def check_counts(*, audience: str, counts: dict[str, dict[str, int]]) -> list[CheckCount]:
    """Each check of the side (even one with nothing found), then any name no longer registered."""
    titles = check_titles(audience)
    names = list(titles) + sorted(set(counts) - set(titles))
    return [
        CheckCount(
            name=name,
            title=titles.get(name, name),
            open=counts.get(name, {}).get("open", 0),
            total=counts.get(name, {}).get("total", 0),
        )
        for name in names
    ]


def detail_rows(details: dict) -> list[tuple[str, str]]:
    """A finding's matched records as summary-list rows: ("Contract", "C-1234, awarded ...").

    ``details`` is each check's own JSON; a nested record is written as its fields, a list as
    its items, so any check's details read as plain text without a template per check."""
    rows = []
    for key, value in (details or {}).items():
        rows.append((_label(key), _text(value)))
    return rows


def _label(key: str) -> str:
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _text(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if value is None or value == "":
        return "Not recorded"
    return str(value)
