"""The confidential reporting line: what the reporter does, and the CCU's answers.

The reporter's side takes **no acting user**: a report and a reply are stored with nothing that
could say who made them or when within the day. Every row is dated to the day, every history row
carries midnight of that day and no user (simple-history honours ``_history_date`` and
``_history_user``), nothing is written to the access log and no notice is sent: the CCU finds new
reports and replies on its line list (``ccu.selectors.line``). The one exception is a reporter who
chooses to be confidential rather than anonymous: their person is then sealed with the report
(``SealedIdentity``), which only the head of the CCU opens, after recording why.

The receipt code is ``<lookup>-<secret>`` from an alphabet without look-alike characters: the
lookup finds the report, the whole code is checked against a slow, salted hash
(``make_password``). The code is returned once, to be shown once, and is stored nowhere.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone

from ccu.models import (
    Anonymity,
    IdentityOpening,
    IntelligenceReport,
    LineMessage,
    LineReport,
    MessageDirection,
    ReportSource,
    Route,
    SealedIdentity,
)
from ccu.services.common import clean_text, locked_report, save_with_history
from standards.access import policy

# No 0/O, 1/I/L or U/V pairs to misread when the code is copied from a screen or a note.
ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LOOKUP_LENGTH = 8
SECRET_LENGTH = 16  # 29^16, about 2^77: not guessable, even without the rate limit
GROUP = 4

SOURCE_ANONYMOUS = "Confidential reporting line (anonymous)"
SOURCE_CONFIDENTIAL = "Confidential reporting line (confidential: identity sealed)"
ACCOUNT_MAX = 10_000
MESSAGE_MAX = 5_000


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def format_code(lookup: str, secret: str) -> str:
    """``ABCD2345-WXYZ-2345-…``: the lookup, then the secret in groups of four, for reading."""
    groups = [secret[i : i + GROUP] for i in range(0, len(secret), GROUP)]
    return "-".join([lookup, *groups])


def normalise_code(code: str) -> str:
    """What the reporter typed, without spaces or hyphens and in capitals."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` where the force is: the only time a line row's history carries."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _save_undated(record: models.Model, day: dt.date, reason: str) -> None:
    """Save a row written at the line: history dated to midnight of the day, with no user."""
    record._history_date = midnight(day)
    record._history_user = None
    record._change_reason = reason
    record.save()


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    # A wrong lookup is checked against this, so a wrong code takes as long as a right one.
    return make_password(_random(LOOKUP_LENGTH + SECRET_LENGTH))


def _new_lookup() -> str:
    while True:
        lookup = _random(LOOKUP_LENGTH)
        if not LineReport.objects.filter(lookup=lookup).exists():
            return lookup


@transaction.atomic
def line_report_make(
    *, what_happened: str, when_where: str, anonymity: str, person=None, today: dt.date
) -> tuple[LineReport, str]:
    """Store a report made at the line; returns it and its receipt code (shown once).

    ``person`` is given only when the reporter chose to be confidential, not anonymous, and is
    sealed with the report; an anonymous report never receives one.
    """
    what_happened = clean_text(
        what_happened, "what_happened", required="Enter what happened, in your own words"
    )
    when_where = clean_text(when_where, "when_where")
    if anonymity not in Anonymity.values:
        raise ValidationError({"anonymity": "Select whether you want to stay anonymous"})
    if anonymity == Anonymity.CONFIDENTIAL and person is None:
        raise ValidationError({"anonymity": "Select anonymous: we do not know who you are"})
    account = what_happened
    if when_where:
        account = f"{what_happened}\n\nWhen and where: {when_where}"
    if len(account) > ACCOUNT_MAX:
        raise ValidationError(
            {"what_happened": f"What happened must be {ACCOUNT_MAX:,} characters or fewer"}
        )
    confidential = anonymity == Anonymity.CONFIDENTIAL
    reason = "Received on the confidential reporting line"

    report = IntelligenceReport(
        route=Route.CONFIDENTIAL_LINE,
        operation=None,
        owner=None,
        sanitised_text="",
        received_on=today,
    )
    _save_undated(report, today, reason)
    _save_undated(
        ReportSource(
            report=report,
            original_text=account,
            source_details=SOURCE_CONFIDENTIAL if confidential else SOURCE_ANONYMOUS,
        ),
        today,
        reason,
    )
    lookup, secret = _new_lookup(), _random(SECRET_LENGTH)
    line_report = LineReport(
        report=report,
        received_on=today,
        anonymity=anonymity,
        account=account,
        lookup=lookup,
        code_hash=make_password(lookup + secret),
    )
    _save_undated(line_report, today, reason)
    if confidential:
        _save_undated(SealedIdentity(line_report=line_report, person=person), today, reason)
    return line_report, format_code(lookup, secret)


def line_report_for_code(*, code: str) -> LineReport | None:
    """The report a receipt code belongs to, or None. Right and wrong codes take the same path:
    one lookup and one slow hash check."""
    normalised = normalise_code(code)
    lookup = normalised[:LOOKUP_LENGTH]
    line_report = LineReport.objects.filter(lookup=lookup).first() if lookup else None
    encoded = line_report.code_hash if line_report is not None else _decoy_hash()
    matches = check_password(normalised, encoded)
    return line_report if matches and line_report is not None else None


@transaction.atomic
def line_reply(*, code: str, text: str, today: dt.date) -> LineMessage:
    """The reporter's answer to the CCU, with their receipt code. Dated to the day; no user."""
    text = clean_text(text, "reply", required="Enter your answer")
    if len(text) > MESSAGE_MAX:
        raise ValidationError({"reply": f"Your answer must be {MESSAGE_MAX:,} characters or fewer"})
    line_report = line_report_for_code(code=code)
    if line_report is None:
        raise ValidationError({"code": "Enter the receipt code exactly as it was shown to you"})
    message = LineMessage(
        line_report=line_report,
        direction=MessageDirection.FROM_REPORTER,
        text=text,
        sent_on=today,
        written_by=None,
    )
    _save_undated(message, today, "The reporter answered on the reporting line")
    return message


# --- the CCU's side ---------------------------------------------------------------------------


@transaction.atomic
def line_message_send(
    *, line_report: LineReport, text: str, acting_user, sent_on: dt.date | None = None
) -> LineMessage:
    """A question or message from the CCU to the reporter, read when they come back with their
    code. Kept apart from the CCU's internal notes on the report: nothing else reaches them."""
    locked_report(line_report.report, acting_user)
    text = clean_text(text, "text", required="Enter your message to the reporter")
    if len(text) > MESSAGE_MAX:
        raise ValidationError({"text": f"The message must be {MESSAGE_MAX:,} characters or fewer"})
    message = LineMessage(
        line_report=line_report,
        direction=MessageDirection.TO_REPORTER,
        text=text,
        # Dated to the day like the reporter's messages: the dialogue shows no times.
        sent_on=sent_on or timezone.localdate(),
        written_by=acting_user,
    )
    save_with_history(message, "Message to the reporter", acting_user)
    return message


@transaction.atomic
def identity_open(*, sealed: SealedIdentity, reason: str, acting_user) -> IdentityOpening:
    """The head of the CCU opens a confidential reporter's sealed identity, with the reason."""
    if not policy.changeable(acting_user, SealedIdentity.objects.filter(pk=sealed.pk)).exists():
        raise Http404
    reason = clean_text(reason, "justification", required="Enter why you need to know who it is")
    opening = IdentityOpening(
        sealed=sealed, opened_by=acting_user, opened_at=timezone.now(), reason=reason
    )
    save_with_history(opening, "Sealed identity opened", acting_user)
    return opening
