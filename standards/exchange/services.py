"""The corridor exchanges: the only two recorded crossings of the sterile corridor (DESIGN.md,
rule 5), kept here, in a module that knows nothing of the areas using them.

1. **Intelligence check.** PSD (the Professional Standards Department) asks the CCU (the Counter
   Corruption Unit) for an intelligence check on a member of the workforce, for a record of its
   own (before deciding a business interest, say), and gets back a sanitised answer: "no trace"
   or "trace: speak to the CCU before deciding". The asking record is referenced by content type
   and id; the asking area registers what happens when the answer arrives
   (``registry.register_answer_handler``), and the CCU registers what happens when a check is
   asked (``registry.register_request_handler``). The person a check is about never learns that
   one was asked: nothing here tells them, and the CCU's own notice leaves them out.

2. **Sanitised referral.** The head of the CCU sends PSD a referral that opens a conduct matter
   from the sanitised text and the people it is about, and nothing else: no source, no CCU
   reference PSD could follow back. The receiving area registers what a referral opens
   (``registry.register_referral_receiver``); the referral row references it generically, and the
   CCU keeps its own link to the report on its side of the corridor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from standards.access import policy
from standards.access.roles import Role
from standards.core.validators import no_markup
from standards.exchange import registry
from standards.exchange.models import (
    CheckAnswer,
    CheckList,
    CheckListPurpose,
    IntelligenceCheck,
    SanitisedReferral,
)
from standards.exchange.selectors import (
    asked_for_model,
    check_list_awaiting,
    not_on_their_lists,
    outcome_of,
)
from standards.notifications.services import notifications_done, notify
from standards.people.models import Person


@transaction.atomic
def intelligence_check_request(
    *, subject, purpose: str, asked_for: models.Model, acting_user
) -> IntelligenceCheck:
    """Ask the CCU for an intelligence check on ``subject``, for the record ``asked_for``.

    Only PSD asks; the caller (the asking area's service) has checked that the user may act on
    the record and wrote the purpose itself. The record must have a ``reference`` (for example
    "BI-00230"): the CCU's screen shows it, and PSD and the CCU speak of the record by it.
    """
    if not policy.in_psd(acting_user):
        raise Http404
    # Fails before anything is written if nobody would hear the answer, or nobody would answer.
    registry.answer_handler_for(type(asked_for))
    answering = registry.request_handlers()
    reference = getattr(asked_for, "reference", "")
    if asked_for.pk is None or not reference:
        raise ImproperlyConfigured("A check is asked for a saved record that has a reference")
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": "Enter the purpose of the check"})
    no_markup(purpose)
    # One check at a time per record and person: a list of people asks once for each of them.
    pending = IntelligenceCheck.objects.filter(
        asked_for_model(type(asked_for)), asked_for_id=asked_for.pk, subject=subject, answer=""
    )
    if pending.exists():
        raise ValidationError(
            f"An intelligence check on {subject.display_name} is already waiting for the CCU's "
            "answer"
        )
    check = IntelligenceCheck(
        subject=subject,
        purpose=purpose[:200],
        asked_for=asked_for,
        asked_for_ref=reference[:30],
        requested_by=acting_user,
    )
    check._change_reason = "Intelligence check requested by PSD"
    check._history_user = acting_user
    check.save()
    for handler in answering:
        handler(check=check)
    return check


@transaction.atomic
def intelligence_check_answer(
    *, check: IntelligenceCheck, answer: str, ccu_note: str = "", acting_user
) -> IntelligenceCheck:
    """Record the CCU's answer. Once given it stands: if the CCU learns more later, it speaks to
    PSD, and PSD asks again (a new check, so both answers stay on the record)."""
    # The row, locked, and only if this user may change it: the same 404 as a missing check.
    locked = (
        policy.changeable(acting_user, IntelligenceCheck.objects.select_for_update(of=("self",)))
        .filter(not_on_their_lists(acting_user), pk=check.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if locked.answer:
        raise ValidationError("This check has already been answered")
    if answer not in CheckAnswer.values:
        raise ValidationError({"answer": "Select the answer to give PSD"})
    ccu_note = (ccu_note or "").strip()
    no_markup(ccu_note)
    if answer == CheckAnswer.TRACE and not ccu_note:
        raise ValidationError(
            {"ccu_note": "Enter a note for the CCU saying what the trace is and who holds it"}
        )
    handler = registry.answer_handler_of(locked)
    locked.answer = answer
    locked.ccu_note = ccu_note
    locked.answered_by = acting_user
    locked.answered_at = timezone.now()
    locked._change_reason = "Intelligence check answered"
    locked._history_user = acting_user
    locked.save()
    # The CCU's "waiting for an answer" notices are done, for every CCU member.
    notifications_done(record=locked, steps=("answer",))
    # Inside this transaction: if the asking area cannot take the answer, nothing is recorded.
    handler(asked_for=locked.asked_for, outcome=outcome_of(locked))
    return locked


# --- lists of people put up for checks ---------------------------------------------------------

# A list is for a board, a posting or an intake, not the workforce: a larger one is a mistake.
MOST_ON_A_LIST = 200


@dataclass(frozen=True)
class CheckListAnswers:
    """A list's answers as checked, before anything is written (the "check your answers" page
    shows them; creating the list checks them again)."""

    title: str
    purpose: str
    people: list[Person]

    @property
    def purpose_label(self) -> str:
        return CheckListPurpose(self.purpose).label


def check_list_clean(
    *, title: str, purpose: str, staff_numbers: Iterable[str], acting_user
) -> CheckListAnswers:
    """Check a list before it is put up: a title, a purpose, and people who are all in the
    staff directory (duplicates counted once), none of them the person asking."""
    if not policy.in_psd(acting_user):
        raise Http404
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = "Enter a title for the list"
    else:
        try:
            no_markup(title)
        except ValidationError as error:
            errors["title"] = error.messages[0]
    if purpose not in CheckListPurpose.values:
        errors["purpose"] = "Select what the checks are for"
    numbers = list(dict.fromkeys(n.strip() for n in staff_numbers if n and n.strip()))
    people: list[Person] = []
    if not numbers:
        errors["staff_numbers"] = "Enter the staff numbers of the people to check, one a line"
    elif len(numbers) > MOST_ON_A_LIST:
        errors["staff_numbers"] = (
            f"A list can have up to {MOST_ON_A_LIST} people: split it into smaller lists"
        )
    else:
        found = {
            person.staff_number: person
            for person in Person.objects.select_related("org_unit").filter(staff_number__in=numbers)
        }
        unknown = [number for number in numbers if number not in found]
        if unknown:
            errors["staff_numbers"] = "No member of the workforce has staff number " + ", ".join(
                unknown
            )
        elif acting_user.person_id in {person.pk for person in found.values()}:
            errors["staff_numbers"] = (
                "You cannot put yourself on a list for intelligence checks: remove your staff "
                "number, and ask a colleague in PSD to ask for your check"
            )
        else:
            people = [found[number] for number in numbers]
    if errors:
        raise ValidationError(errors)
    return CheckListAnswers(title=title[:150], purpose=purpose, people=people)


@transaction.atomic
def check_list_create(
    *, title: str, purpose: str, staff_numbers: Iterable[str], acting_user
) -> CheckList:
    """Put up a list of people for intelligence checks: the list, and one check on each person
    asked for it (the CCU answers each; PSD sees only the answers and their dates)."""
    answers = check_list_clean(
        title=title, purpose=purpose, staff_numbers=staff_numbers, acting_user=acting_user
    )
    check_list = CheckList(title=answers.title, purpose=answers.purpose, requested_by=acting_user)
    check_list._change_reason = "List put up for intelligence checks"
    check_list._history_user = acting_user
    check_list.save()
    check_list.people.set(answers.people)
    check_purpose = f"{answers.purpose_label}: {answers.title}"
    for person in answers.people:
        intelligence_check_request(
            subject=person, purpose=check_purpose, asked_for=check_list, acting_user=acting_user
        )
    return check_list


def check_list_answered(*, asked_for: CheckList, outcome) -> None:
    """The exchange's own answer handler for lists (registered in ``ExchangeConfig.ready``):
    once every person on the list is answered, the CCU's notice about the list is done and the
    person who asked is told the answers are in (the notice names no answer)."""
    if check_list_awaiting(asked_for):
        return
    notifications_done(record=asked_for, steps=("answer",))
    notify(
        recipients=[asked_for.requested_by],
        key=f"check-list-{asked_for.pk}-answered",
        subject="every intelligence check answered",
        url=reverse("checks:list_detail", kwargs={"pk": asked_for.pk}),
        record=asked_for,
    )


@transaction.atomic
def sanitised_referral_send(*, summary: str, subjects, acting_user) -> SanitisedReferral:
    """Send PSD a sanitised referral about ``subjects`` (people in the directory): PSD's
    registered receiver opens a conduct matter from ``summary`` alone, inside this transaction
    (if PSD cannot open it, nothing is recorded). Only the head of the CCU sends one; the CCU's
    caller has already checked the summary is the sanitised text."""
    if not policy.holds(acting_user, Role.CCU_HEAD):
        raise Http404
    receive = registry.referral_receiver()
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": "Enter the sanitised summary PSD will receive"})
    no_markup(summary)
    people = list(dict.fromkeys(subjects))
    if not people:
        raise ValidationError({"subjects": "Select who the referral is about"})
    referral = SanitisedReferral(summary=summary, sent_on=timezone.localdate())
    referral._change_reason = "Sanitised referral sent to PSD"
    referral._history_user = acting_user
    referral.save()
    referral.subjects.set(people)
    opened = receive(
        summary=summary,
        subject_ids=[person.pk for person in people],
        received_on=referral.sent_on,
        acting_user=acting_user,
    )
    referral.opened = opened
    referral._change_reason = "Opened by PSD"
    referral._history_user = acting_user
    referral.save()
    return referral
