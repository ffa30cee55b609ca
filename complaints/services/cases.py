"""The case file's everyday changes: allocation (need-to-know grants), the dates the IOPC
measures, complainants, subjects, allegations, actions, notes and documents.

Each service reaches the case through ``case_get_for_work`` (the case team only: the caseworkers
granted it and the head of PSD), locks its row, validates, and saves with history; nothing is
stored when a check fails.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from complaints import clocks
from complaints.documents import check_upload
from complaints.models import (
    Allegation,
    AllegationCategory,
    Case,
    CaseAction,
    CaseDocument,
    CaseKind,
    CaseNote,
    CaseUserObjectPermission,
    Complainant,
    ContactPreference,
    ProfessionalStandard,
    Subject,
)
from complaints.services.common import (
    clean_text,
    locked_case,
    not_in_future,
    save_with_history,
)
from standards.access import policy
from standards.access.roles import Role, role_names
from standards.core import extensions
from standards.notifications.services import notifications_done, notify

TEAM_PERMS = ("complaints.view_case", "complaints.work_case")


# --- shared ------------------------------------------------------------------------------------


def _about(case: Case) -> set[int]:
    """The people the case is about (subjects and complainants in the directory)."""
    subjects = case.subjects.exclude(person__isnull=True).values_list("person_id", flat=True)
    complainants = case.complainants.exclude(person__isnull=True).values_list(
        "person_id", flat=True
    )
    return set(subjects) | set(complainants)


# --- allocation --------------------------------------------------------------------------------


@transaction.atomic
def case_allocate(*, case: Case, lead, team: Iterable, reason: str, acting_user) -> Case:
    """The head of PSD allocates the case: a lead and a team, each granted ``view_case`` and
    ``work_case`` (guardian, need to know). Anyone taken off the team loses the grants; the
    reason is kept in the case's history."""
    if not policy.holds(acting_user, Role.PSD_DECISION_MAKER):
        raise Http404("No such case")  # the same 404 as any other case out of reach
    locked = locked_case(case, acting_user)
    reason = clean_text(reason, "reason", required="Enter the reason for the allocation")
    if lead is None:
        raise ValidationError({"lead": "Select the lead caseworker"})
    members = {user.pk: user for user in team}
    members[lead.pk] = lead
    about = _about(locked)
    for member in members.values():
        if not role_names(member) & {Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER}:
            raise ValidationError(
                {"team": f"{member.display_name} is not a PSD caseworker and cannot be allocated"}
            )
        if member.person_id and member.person_id in about:
            # Self-conflict: nobody works a case about themselves.
            field = "lead" if member.pk == lead.pk else "team"
            raise ValidationError(
                {field: f"{member.display_name} is a subject or complainant of this case"}
            )
    current = set(
        CaseUserObjectPermission.objects.filter(
            content_object=locked, permission__codename="view_case"
        ).values_list("user_id", flat=True)
    )
    for user in get_user_model().objects.filter(pk__in=current - set(members)):
        for perm in TEAM_PERMS:
            remove_perm(perm, user, locked)
    for user in members.values():
        for perm in TEAM_PERMS:
            assign_perm(perm, user, locked)
    previous = locked.lead_id
    locked.lead = lead
    names = ", ".join(sorted(u.display_name for u in members.values() if u.pk != lead.pk))
    words = f"Allocated to {lead.display_name}" + (f" with {names}" if names else "")
    save_with_history(locked, f"{words}: {reason}", acting_user)
    if previous != lead.pk:
        url = reverse("complaints:case", kwargs={"pk": locked.pk})
        notify(
            recipients=[lead],
            key=f"case-{locked.pk}-lead-{lead.pk}-{timezone.now():%Y%m%d%H%M%S}",
            subject="allocated to you",
            body="A case has been allocated to you as lead.",
            url=url,
            record=locked,
        )
    return locked


# --- the IOPC's dates --------------------------------------------------------------------------


@transaction.atomic
def case_record_dates(
    *,
    case: Case,
    logged_on: dt.date | None,
    first_contact_on: dt.date | None,
    acting_user,
) -> Case:
    """When the complaint was logged and the complainant first contacted (the IOPC measures the
    working days from receipt to each). Neither can be before receipt or in the future."""
    locked = locked_case(case, acting_user)
    errors = {}
    for field, day, what in (
        ("logged_on", logged_on, "The date it was logged"),
        ("first_contact_on", first_contact_on, "The date of first contact"),
    ):
        if day and day < locked.received_on:
            errors[field] = f"{what} must be on or after the date it was received"
        elif day and day > timezone.localdate():
            errors[field] = f"{what} must be today or in the past"
    if errors:
        raise ValidationError(errors)
    locked.logged_on = logged_on
    locked.first_contact_on = first_contact_on
    save_with_history(locked, "Dates logged and first contact recorded", acting_user)
    clocks.refresh(locked)
    return locked


# --- people ------------------------------------------------------------------------------------


def _complainant_fields(
    *, name, email, phone, address, postcode, contact_preference, adjustments
) -> dict:
    fields = {
        "name": clean_text(name, "name", required="Enter the complainant's name"),
        "email": (email or "").strip(),
        "phone": clean_text(phone, "phone"),
        "address": clean_text(address, "address"),
        "postcode": clean_text(postcode, "postcode").upper(),
        "contact_preference": contact_preference,
        "adjustments": clean_text(adjustments, "adjustments"),
    }
    if contact_preference not in ContactPreference.values:
        raise ValidationError({"contact_preference": "Select how they want to be contacted"})
    needed = {
        ContactPreference.EMAIL: ("email", "Enter an e-mail address, or choose another way"),
        ContactPreference.PHONE: ("phone", "Enter a phone number, or choose another way"),
        ContactPreference.LETTER: ("address", "Enter a postal address, or choose another way"),
    }[ContactPreference(contact_preference)]
    if not fields[needed[0]]:
        raise ValidationError({needed[0]: needed[1]})
    return fields


@transaction.atomic
def complainant_add(
    *,
    case: Case,
    name: str,
    email: str = "",
    phone: str = "",
    address: str = "",
    postcode: str = "",
    contact_preference: str = ContactPreference.EMAIL,
    adjustments: str = "",
    person=None,
    acting_user,
) -> Complainant:
    """A complainant of the case; ``person`` when they work for the force (the staff directory's
    record), so the self-conflict rule hides the case from them."""
    locked = locked_case(case, acting_user)
    _complainant_person_allowed(locked, person, acting_user)
    complainant = Complainant(
        case=locked,
        person=person,
        **_complainant_fields(
            name=name,
            email=email,
            phone=phone,
            address=address,
            postcode=postcode,
            contact_preference=contact_preference,
            adjustments=adjustments,
        ),
    )
    save_with_history(complainant, "Complainant added", acting_user)
    return complainant


def _complainant_person_allowed(case: Case, person, acting_user) -> None:
    """A member of staff who complains is hidden from the case; the one recording it cannot be
    them, nor can the case's lead (they would lose sight of a case they must work)."""
    if person is None:
        return
    if person.pk == acting_user.person_id:
        raise ValidationError(
            {"staff_number": "You cannot record yourself as a complainant: ask the head of PSD"}
        )
    if case.lead_id and case.lead.person_id == person.pk:
        raise ValidationError(
            {
                "staff_number": f"{person.display_name} leads this case: ask the head of PSD to "
                "reallocate it first"
            }
        )


@transaction.atomic
def complainant_change(*, complainant: Complainant, acting_user, person, **fields) -> Complainant:
    """The complainant's details, and ``person``: their staff directory record or None."""
    locked = locked_case(complainant.case, acting_user)
    _complainant_person_allowed(locked, person, acting_user)
    complainant.person = person
    for name, value in _complainant_fields(**fields).items():
        setattr(complainant, name, value)
    save_with_history(complainant, "Complainant's details changed", acting_user)
    return complainant


@transaction.atomic
def subject_add(*, case: Case, person=None, description: str = "", acting_user) -> Subject:
    """A subject from the staff directory, or an officer or member of staff not yet identified
    (described instead). A caseworker cannot add themselves (they would lose sight of the case
    the moment they did)."""
    locked = locked_case(case, acting_user)
    description = clean_text(description, "description")
    if person is None and not description:
        raise ValidationError(
            {"description": "Find the person by staff number, or describe the unidentified one"}
        )
    if person is not None:
        if person.pk == acting_user.person_id:
            raise ValidationError(
                {"staff_number": "You cannot add yourself: ask the head of PSD to reallocate"}
            )
        if locked.subjects.filter(person=person).exists():
            raise ValidationError({"staff_number": f"{person.display_name} is already a subject"})
        description = ""
    subject = Subject(case=locked, person=person, description=description)
    words = person.display_name if person else f"unidentified ({description})"
    save_with_history(subject, f"Subject added: {words}", acting_user)
    kind = "complaint" if locked.kind == CaseKind.COMPLAINT else "conduct"
    extensions.record_about_people(
        kind=kind,
        record=locked,
        person_ids=[subject.person_id],
        summary=f"{locked.reference}: subject named",
    )
    return subject


def _allegation_checked(
    case: Case, category: AllegationCategory | None, description: str, subjects: Iterable
) -> tuple[str, list[Subject]]:
    """What adding and changing an allegation both check: the wording, a category in use, and
    subjects of this case only."""
    description = clean_text(description, "description", required="Enter what the allegation is")
    if category is None or not category.active:
        raise ValidationError({"category": "Select the IOPC category"})
    subjects = list(subjects)
    if any(subject.case_id != case.pk for subject in subjects):
        raise ValidationError({"subjects": "Select subjects of this case"})
    return description, subjects


@transaction.atomic
def allegation_add(
    *,
    case: Case,
    category: AllegationCategory,
    description: str,
    standards: Iterable[ProfessionalStandard] = (),
    subjects: Iterable[Subject] = (),
    acting_user,
) -> Allegation:
    """An allegation with its IOPC category and the Standards of Professional Behaviour it may
    breach, against one or more of the case's subjects."""
    locked = locked_case(case, acting_user)
    description, subjects = _allegation_checked(locked, category, description, subjects)
    allegation = Allegation(case=locked, category=category, description=description)
    save_with_history(allegation, "Allegation added", acting_user)
    allegation.standards.set(list(standards))
    allegation.subjects.set(subjects)
    return allegation


@transaction.atomic
def allegation_change(
    *,
    allegation: Allegation,
    category: AllegationCategory,
    description: str,
    standards: Iterable[ProfessionalStandard] = (),
    subjects: Iterable[Subject] = (),
    reason: str,
    acting_user,
) -> Allegation:
    """Correct an allegation (its category, wording, standards or subjects), saying why: the
    history keeps what it said before, and the IOPC's figures follow the corrected category."""
    locked = locked_case(allegation.case, acting_user)
    reason = clean_text(reason, "reason", required="Say why the allegation is changed")
    description, subjects = _allegation_checked(locked, category, description, subjects)
    allegation = Allegation.objects.select_for_update().get(pk=allegation.pk, case=locked)
    allegation.category = category
    allegation.description = description
    save_with_history(allegation, f"Allegation changed: {reason}", acting_user)
    allegation.standards.set(list(standards))
    allegation.subjects.set(subjects)
    return allegation


# --- actions, notes, documents -----------------------------------------------------------------


@transaction.atomic
def action_add(*, case: Case, description: str, owner, due_on: dt.date, acting_user) -> CaseAction:
    locked = locked_case(case, acting_user)
    description = clean_text(description, "description", required="Enter what needs to be done")
    if owner is None:
        raise ValidationError({"owner": "Select who owns the action"})
    if not policy.can_change(owner, locked):
        raise ValidationError({"owner": f"{owner.display_name} is not in the case team"})
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date it is due"})
    action = CaseAction(
        case=locked, description=description, owner=owner, due_on=due_on, created_by=acting_user
    )
    save_with_history(action, "Action set", acting_user)
    if owner.pk != acting_user.pk:
        notify(
            recipients=[owner],
            key=f"case-action-{action.pk}",
            subject="an action for you",
            body=f"Due {due_on:%-d %B %Y}.",
            url=reverse("complaints:case_actions", kwargs={"pk": locked.pk}),
            record=locked,
            step=f"action-{action.pk}",
        )
    return action


@transaction.atomic
def action_complete(*, action: CaseAction, completed_on: dt.date | None = None, acting_user):
    locked_case(action.case, acting_user)
    if action.completed_on:
        raise ValidationError("This action is already done")
    completed_on = completed_on or timezone.localdate()
    not_in_future(completed_on, "completed_on", "The date it was done")
    action.completed_on = completed_on
    save_with_history(action, "Action done", acting_user)
    notifications_done(record=action.case, steps=(f"action-{action.pk}",))
    return action


@transaction.atomic
def note_add(*, case: Case, text: str, acting_user) -> CaseNote:
    locked = locked_case(case, acting_user)
    text = clean_text(text, "text", required="Enter the note")
    note = CaseNote(case=locked, text=text, author=acting_user)
    save_with_history(note, "Note added", acting_user)
    return note


@transaction.atomic
def document_add(
    *, case: Case, upload: UploadedFile | None, description: str = "", acting_user
) -> CaseDocument:
    """A document checked by its content (``complaints.documents``), stored outside the web root
    under a name of the service's choosing; the name the person gave is kept to show."""
    locked = locked_case(case, acting_user)
    description = clean_text(description, "description")
    checked = check_upload(upload)
    shown_name = clean_text((upload.name or "document")[:200], "file") or "document"
    document = CaseDocument(
        case=locked,
        name=shown_name,
        description=description,
        media_type=checked.media_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=acting_user,
    )
    # Saved under a random name: nothing the uploader typed reaches the file system.
    document.file.save(f"{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
    try:
        save_with_history(document, "Document added", acting_user)
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document
