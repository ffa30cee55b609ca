"""Complaints and conduct: the Professional Standards Department's (PSD) case file.

One ``Case`` shape serves the three kinds of matter PSD handles: a public complaint (Police Reform
Act 2002 Schedule 3), a conduct matter not arising from a complaint (internal report, a CCU
sanitised referral, or a complaint's conduct side) and a death or serious injury (DSI) matter,
referred to the IOPC (the Independent Office for Police Conduct) without any complaint.

Every statutory decision is its own row with who decided, when and why (``HandlingDecision``,
``Referral``, ``SeverityAssessment``, ``Restriction``...): a decision is never overwritten, a later
one supersedes it, and the case's timeline is built from these rows and the history tables.
Reference lists (IOPC categories, the Standards of Professional Behaviour, the referral criteria,
letter templates) are data (``defaults.py``, installed by a data migration).
"""

# One module per stage; every model is importable from here, as Django and the rest of the area
# expect (``from complaints.models import Case``).
from complaints.models.case import (  # noqa: F401
    OPEN_STATUSES,
    REFERENCE_PREFIX,
    STATUS_COLOURS,
    Allegation,
    Case,
    CaseGroupObjectPermission,
    CaseKind,
    CaseQuerySet,
    CaseStatus,
    CaseUpdate,
    CaseUserObjectPermission,
    Complainant,
    ComplaintResult,
    Handling,
    IopcMode,
    Subject,
)
from complaints.models.decisions import (  # noqa: F401
    HandlingDecision,
    Pause,
    RecordingReason,
    Referral,
    Restriction,
    RestrictionKind,
    RestrictionReview,
    Severity,
    SeverityAssessment,
    TimelinessReport,
)
from complaints.models.intake import (  # noqa: F401
    PUBLIC_CHANNELS,
    Channel,
    ContactPreference,
    Intake,
    IntakeStatus,
)
from complaints.models.letters import (  # noqa: F401
    Letter,
    Review,
    ReviewBody,
    ReviewResult,
)
from complaints.models.outcomes import (  # noqa: F401
    HEARING_ONLY_OUTCOMES,
    BarredList,
    BarredListNotification,
    Finding,
    Lesson,
    ListedStatus,
    ListingReason,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    ReflectivePractice,
    TribunalAppeal,
)
from complaints.models.reference import (  # noqa: F401
    AllegationCategory,
    LetterKind,
    LetterTemplate,
    ProfessionalStandard,
    ReferralCriterion,
)
from complaints.models.work import (  # noqa: F401
    CaseAction,
    CaseDocument,
    CaseNote,
    _document_storage,  # noqa: F401 - migration 0001 names it
)
