"""Counter Corruption Unit (CCU) material. All of it sits behind the sterile corridor.

One module per stage: ``operations`` (the compartments), ``reference`` (national corruption
categories), ``reports`` (intelligence, its source, grading, subjects and nominals), ``triage``
(decisions, actions, management interventions, referrals), ``line`` (the confidential reporting
line), ``watch`` (watchlists and alerts), ``risk`` (scored questionnaires) and ``transfers``
(transfer disclosures). Every model is importable from here, as Django expects.
"""

from ccu.models.line import (  # noqa: F401
    Anonymity,
    IdentityOpening,
    LineMessage,
    LineReport,
    MessageDirection,
    SealedIdentity,
)
from ccu.models.operations import (  # noqa: F401
    STATUS_COLOURS,
    Operation,
    OperationGroupObjectPermission,
    OperationStatus,
    OperationUserObjectPermission,
)
from ccu.models.reference import CorruptionCategory  # noqa: F401
from ccu.models.reports import (  # noqa: F401
    REFERENCE_PREFIX,
    Grading,
    GradingScheme,
    HandlingCode,
    IntelligenceAssessment,
    IntelligenceReport,
    Nominal,
    NominalKind,
    NominalLink,
    ReportNote,
    ReportSource,
    ReportStatus,
    ReportSubject,
    Route,
    SourceEvaluation,
)
from ccu.models.risk import Question, Questionnaire, RiskAnswer, RiskAssessment  # noqa: F401
from ccu.models.transfers import TransferDirection, TransferDisclosure  # noqa: F401
from ccu.models.triage import (  # noqa: F401
    Action,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    TriageDecision,
    TriageOutcome,
)
from ccu.models.watch import AlertKind, WatchAlert, WatchlistEntry  # noqa: F401
