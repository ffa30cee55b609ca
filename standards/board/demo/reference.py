"""The demo's national figures: the IOPC's England and Wales averages for the last complete
financial year, entered through the service by the head of PSD, so the board's summary has
something to compare the force's complaint figures with. Idempotent: a rerun writes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from standards.board.figures import board_sections
from standards.board.models import ReferenceFigure, ReferenceScope
from standards.board.services.reference import reference_figure_record
from standards.core.periods import Period, financial_year_label, financial_year_start

# Of the order of the IOPC's published England and Wales figures: complaint cases and
# allegations logged per 1,000 employees, and the average working days from receipt to logging.
NATIONAL = (
    ("complaints.cases_logged.per_1000", Decimal("287.0")),
    ("complaints.allegations_logged.per_1000", Decimal("538.0")),
    ("complaints.days_to_log", Decimal("4.0")),
)


def seed_reference_figures(*, today: dt.date, rng: random.Random) -> int:
    """The national figures for the last complete financial year, once."""
    head = get_user_model().objects.filter(username="psd.head").first()
    if head is None or "complaints" not in {section.key for section in board_sections()}:
        return 0
    year = financial_year_start(today) - 1
    period = Period.financial_year(year)
    source = (
        f"IOPC, Police complaints: statistics for England and Wales {financial_year_label(year)}"
    )
    created = 0
    for key, value in NATIONAL:
        exists = ReferenceFigure.objects.filter(
            measure_key=key,
            scope=ReferenceScope.NATIONAL,
            period_start=period.start,
            period_end=period.end,
        ).exists()
        if exists:
            continue
        reference_figure_record(
            measure_key=key,
            scope=ReferenceScope.NATIONAL,
            period_start=period.start,
            period_end=period.end,
            value=value,
            source=source,
            acting_user=head,
        )
        created += 1
    return created
