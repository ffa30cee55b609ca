"""The imported data the checks compare, and the checks' runs and findings."""

from registers.crosschecks.models.findings import (
    Audience,
    CcuFinding,
    ChunkStatus,
    CrossCheckRun,
    Disposition,
    Finding,
    FindingDecision,
    FindingStatus,
    PsdFinding,
    RunChunk,
    RunStatus,
)
from registers.crosschecks.models.sources import (
    Bid,
    Contract,
    ContractKind,
    DiaryEntry,
    ExpenseClaim,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Supplier,
)

__all__ = [
    "Audience",
    "Bid",
    "CcuFinding",
    "ChunkStatus",
    "Contract",
    "ContractKind",
    "CrossCheckRun",
    "DiaryEntry",
    "Disposition",
    "ExpenseClaim",
    "Finding",
    "FindingDecision",
    "FindingStatus",
    "ImportBatch",
    "ImportKind",
    "ImportStatus",
    "PsdFinding",
    "RunChunk",
    "RunStatus",
    "Supplier",
]
