"""Access rules for CCU material (see standards.access.policy).

Everything here is invisible outside the CCU (corridor rule 1). Inside it, a report or nominal
sits in an operation, seen by the analysts granted the operation, or in the general intake and
index every analyst works; the head of the CCU sees all, but one not allocated to them opens only
after a reason (break glass). What hangs off a report (its source, gradings, subjects, notes,
triage, the reporting-line dialogue) is seen by whoever may see the report, through one subquery
(``_via_report``); the original text and source narrow that to the head and the report's owner.
The self-conflict rule hides a report from everyone it is about, whatever their role.
"""

from __future__ import annotations

from django.db.models import Q

from ccu.models import (
    Action,
    Grading,
    IdentityOpening,
    IntelligenceReport,
    LineMessage,
    LineReport,
    ManagementIntervention,
    Nominal,
    NominalLink,
    Operation,
    Question,
    Questionnaire,
    ReportNote,
    ReportReferral,
    ReportSource,
    ReportSubject,
    RiskAnswer,
    RiskAssessment,
    SealedIdentity,
    TransferDisclosure,
    TriageDecision,
    WatchAlert,
    WatchlistEntry,
)
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role


def _head(user) -> bool:
    return policy.holds(user, Role.CCU_HEAD)


def _analyst(user) -> bool:
    return policy.holds(user, Role.CCU_ANALYST)


# --- operations ---------------------------------------------------------------------------------


def _operation_visible(user):
    if _head(user):
        return policy.EVERYTHING
    if _analyst(user):
        return policy.granted(user, Operation, "view_operation")
    return policy.NOTHING


def _operation_changeable(user):
    if _head(user):
        return policy.EVERYTHING
    if _analyst(user):
        return policy.granted(user, Operation, "work_operation")
    return policy.NOTHING


def _operation_allocated(user):
    # The head may open any operation, but one they are not working on needs a reason first.
    return policy.granted(user, Operation, "view_operation")


policy.register(
    policy.Rule(
        model=Operation,
        area=Area.CCU,
        visible=_operation_visible,
        changeable=_operation_changeable,
        subject_paths=("subjects",),
        allocated=_operation_allocated,
    )
)


# --- reports and nominals: in an operation, or in the general intake ----------------------------


def _compartment(user, codename: str):
    """Material in the general intake, or in an operation the user holds ``codename`` on."""
    return Q(operation__isnull=True) | policy.granted_via(
        user, Operation, codename, path="operation"
    )


def _in_compartment_visible(user):
    if _head(user):
        return policy.EVERYTHING
    if _analyst(user):
        return _compartment(user, "view_operation")
    return policy.NOTHING


def _in_compartment_changeable(user):
    if _head(user):
        return policy.EVERYTHING
    if _analyst(user):
        return _compartment(user, "work_operation")
    return policy.NOTHING


def _report_allocated(user):
    # The head opens the intake, their operations' reports and their own without a reason.
    return _compartment(user, "view_operation") | Q(owner=user.pk)


policy.register(
    policy.Rule(
        model=IntelligenceReport,
        area=Area.CCU,
        visible=_in_compartment_visible,
        changeable=_in_compartment_changeable,
        subject_paths=("subjects",),
        allocated=_report_allocated,
    )
)

policy.register(
    policy.Rule(
        model=Nominal,
        area=Area.CCU,
        visible=_in_compartment_visible,
        changeable=_in_compartment_changeable,
    )
)


def _visible_reports(user):
    return policy.visible(user, IntelligenceReport.objects.all()).values("pk")


def _changeable_reports(user):
    return policy.changeable(user, IntelligenceReport.objects.all()).values("pk")


def _via_report(path: str = "report"):
    """A rule's two halves for a model that hangs off a report (``path`` leads to it)."""

    def visible(user):
        if not policy.in_ccu(user):
            return policy.NOTHING
        return Q(**{f"{path}__in": _visible_reports(user)})

    def changeable(user):
        if not policy.in_ccu(user):
            return policy.NOTHING
        return Q(**{f"{path}__in": _changeable_reports(user)})

    return visible, changeable


for model, subject_paths in (
    (ReportSubject, ("person",)),
    (Grading, ()),
    (ReportNote, ()),
    (TriageDecision, ()),
    (Action, ()),
    (ManagementIntervention, ("subject",)),
    (ReportReferral, ()),
    (LineReport, ()),
):
    visible, changeable = _via_report()
    policy.register(
        policy.Rule(
            model=model,
            area=Area.CCU,
            visible=visible,
            changeable=changeable,
            subject_paths=subject_paths,
        )
    )

_message_visible, _message_changeable = _via_report("line_report__report")
policy.register(
    policy.Rule(
        model=LineMessage,
        area=Area.CCU,
        visible=_message_visible,
        changeable=_message_changeable,
    )
)


def _link_visible(user):
    # A link shows only when both ends may be seen: the report and the nominal.
    if not policy.in_ccu(user):
        return policy.NOTHING
    nominals = policy.visible(user, Nominal.objects.all()).values("pk")
    return Q(report__in=_visible_reports(user), nominal__in=nominals)


def _link_changeable(user):
    if not policy.in_ccu(user):
        return policy.NOTHING
    nominals = policy.visible(user, Nominal.objects.all()).values("pk")
    return Q(report__in=_changeable_reports(user), nominal__in=nominals)


policy.register(
    policy.Rule(
        model=NominalLink, area=Area.CCU, visible=_link_visible, changeable=_link_changeable
    )
)


def _source_visible(user):
    # The original text and its source: the head of the CCU, and the report's owner.
    if not policy.in_ccu(user):
        return policy.NOTHING
    reports = Q(report__in=_visible_reports(user))
    return reports if _head(user) else reports & Q(report__owner=user.pk)


policy.register(
    policy.Rule(
        model=ReportSource,
        area=Area.CCU,
        visible=_source_visible,
        changeable=_source_visible,
        subject_paths=("report__subjects",),
    )
)


# --- the reporting line's sealed identities: the head only, and always after a reason --------


def _head_only(user):
    return policy.EVERYTHING if _head(user) else policy.NOTHING


policy.register(
    policy.Rule(
        model=SealedIdentity,
        area=Area.CCU,
        visible=_head_only,
        changeable=_head_only,
        # Nobody opens a sealed identity without recording why: it is never "allocated".
        allocated=lambda user: policy.NOTHING,
    )
)
policy.register(
    policy.Rule(model=IdentityOpening, area=Area.CCU, visible=_head_only, changeable=_head_only)
)


# --- watchlists, risk tools, transfer disclosures ---------------------------------------------


def _in_ccu(user):
    return policy.EVERYTHING if policy.in_ccu(user) else policy.NOTHING


policy.register(
    policy.Rule(
        model=WatchlistEntry,
        area=Area.CCU,
        visible=_in_ccu,
        changeable=_in_ccu,
        subject_paths=("person",),
    )
)


def _alert_visible(user):
    # An intelligence alert only for those who may see its report.
    if not policy.in_ccu(user):
        return policy.NOTHING
    return Q(report__isnull=True) | Q(report__in=_visible_reports(user))


policy.register(
    policy.Rule(
        model=WatchAlert,
        area=Area.CCU,
        visible=_alert_visible,
        changeable=_alert_visible,
        subject_paths=("entry__person",),
    )
)

for model in (Questionnaire, Question):
    policy.register(policy.Rule(model=model, area=Area.CCU, visible=_in_ccu, changeable=_head_only))
policy.register(
    policy.Rule(
        model=RiskAssessment,
        area=Area.CCU,
        visible=_in_ccu,
        changeable=_in_ccu,
        subject_paths=("person",),
    )
)
policy.register(
    policy.Rule(
        model=RiskAnswer,
        area=Area.CCU,
        visible=_in_ccu,
        changeable=_in_ccu,
        subject_paths=("assessment__person",),
    )
)
policy.register(
    policy.Rule(
        model=TransferDisclosure,
        area=Area.CCU,
        visible=_head_only,
        changeable=_head_only,
        subject_paths=("person",),
    )
)
