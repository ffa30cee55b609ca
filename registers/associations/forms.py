"""Forms for declaring, changing and ending a notifiable association, and for the CCU's
assessment. The forms parse and say what is missing; the services decide what is acceptable
(dates, choices, plain text), so every caller gets the same rules."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from registers.associations import services
from registers.associations.models import ConcernCategory, ContactFrequency, Relationship, Risk
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

CATEGORY_HINTS = {
    ConcernCategory.CRIMINALITY: "They commit crime, or have been convicted of a crime that "
    "could matter to your work, for example drugs, violence or dishonesty.",
    ConcernCategory.UNDER_INVESTIGATION: "They are suspected of a crime, on bail, released "
    "under investigation or awaiting trial.",
    ConcernCategory.ORGANISED_CRIME: "They are, or you think they may be, part of an organised "
    "crime group.",
    ConcernCategory.EXTREMIST: "They belong to or support a group with extremist views.",
    ConcernCategory.PRIVATE_INVESTIGATOR: "They work as a private investigator or inquiry agent.",
    ConcernCategory.MEDIA: "They work as a journalist or for a newspaper, broadcaster or website.",
    ConcernCategory.SEX_WORKER: "They sell sex, or manage people who do.",
    ConcernCategory.VULNERABLE: "You met them through your work, for example a victim, witness "
    "or someone you helped, and they may be vulnerable.",
    ConcernCategory.OTHER: "Anything else that could put you in a difficult position.",
}

RISK_HINTS = {
    Risk.LOW: "Little realistic prospect of compromise; advice only.",
    Risk.MEDIUM: "A real prospect of compromise that advice or conditions can manage.",
    Risk.HIGH: "A serious risk to the member, the force or an investigation: consider "
    "conditions, a management intervention or a move.",
}


class _CheckedByService(GovukFormMixin, forms.Form):
    """Runs the service's own checks on the answers that parsed, so every problem (a date in
    the future, say) shows at once beside its question, not after the others are fixed. The
    service checks again when it saves: it is the rule, the form only reports it early."""

    service_check: Callable[..., dict]

    def clean(self):
        cleaned = super().clean()
        try:
            type(self).service_check(cleaned, today=timezone.localdate())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)
        return cleaned


class AssociationForm(_CheckedByService):
    """The member's declaration (and, prefilled, the change of it). That they knew them no
    earlier than they were born is the service's rule, checked with the others in clean()."""

    service_check = services.clean_answers

    associate_name = text_field(
        "Their full name",
        name="Their name",
        max_length=200,
        required="Enter their name",
        help_text="Include any other names they use or are known by.",
    )
    # Someone the member must declare is an adult in nearly every case; a date outside 16 to 110
    # years ago is a slip of the keyboard (1900, or this year).
    associate_date_of_birth = GovukDateField(
        name="Their date of birth",
        label="Their date of birth (if you know it)",
        required=False,
        earliest=dates.years_ago(110),
        latest=dates.years_ago(16),
        example=dates.years_ago(40),
    )
    associate_address = text_field(
        "Their address (if you know it)",
        name="Their address",
        required=None,
        max_length=1000,
        rows=3,
    )
    relationship = GovukRadioField(
        label="How do you know them?",
        choices=Relationship.choices,
        error_messages={"required": "Select how you know them"},
    )
    category_of_concern = GovukRadioField(
        label="Why are you declaring them?",
        help_text="Choose the one that fits best. If more than one fits, explain in your own "
        "words below.",
        choices=ConcernCategory.choices,
        hints=CATEGORY_HINTS,
        error_messages={"required": "Select why you are declaring them"},
    )
    contact_frequency = GovukRadioField(
        label="How often are you in contact with them?",
        help_text="Count any contact: in person, by phone, by message or on social media.",
        choices=ContactFrequency.choices,
        error_messages={"required": "Select how often you are in contact"},
    )
    known_since = GovukDateField(
        name="The date you first knew them",
        label="When did you first know them?",
        help_text="If you do not know the exact day, give your best estimate.",
        earliest=dates.on(1900),
        latest=dates.today,
        example=dates.years_ago(5),
    )
    circumstances = text_field(
        "Tell us about the association",
        name="Your answer",
        max_length=5000,
        rows=6,
        required="Tell us how you know them and why you are declaring them",
        help_text="How you know them, what you know about them that made you declare it, and "
        "anything you already do to keep work separate (for example, you never talk about work "
        "with them).",
    )


class EndForm(GovukFormMixin, forms.Form):
    ended_on = GovukDateField(
        name="The date the association ended",
        label="When did the association end?",
        help_text="If you are not sure, give your best estimate.",
        earliest=dates.on(1900),
        latest=dates.today,
    )
    reason = text_field(
        "Why has it ended?",
        name="Your answer",
        max_length=2000,
        rows=4,
        required="Tell us why the association has ended",
        help_text="For example, you have separated, they have moved away, or you have not "
        "been in contact for over a year.",
    )


class AssessmentForm(_CheckedByService):
    service_check = services.clean_assessment

    risk = GovukRadioField(
        label="Risk",
        choices=Risk.choices,
        hints=RISK_HINTS,
        error_messages={"required": "Select the risk"},
    )
    rationale = text_field(
        "Rationale",
        name="The rationale",
        max_length=5000,
        rows=6,
        required="Enter the rationale for the risk",
        help_text="Why this is the risk: what you checked and what you found. Seen only by the "
        "Counter Corruption Unit, never by the member of staff.",
    )
    advice = text_field(
        "Advice to the member of staff",
        name="The advice",
        max_length=5000,
        rows=5,
        required="Enter the advice for the member of staff",
        help_text="What they should do. The member of staff reads this, so write it to them, "
        "plainly, and do not refer to intelligence.",
    )
    conditions = text_field(
        "Conditions (optional)",
        name="The conditions",
        required=None,
        max_length=5000,
        rows=4,
        help_text="Anything they must or must not do, for example not to access records about "
        "this person. The member of staff reads these.",
    )
    next_review_on = GovukDateField(
        name="The date of the next review",
        label="Next review",
        help_text="Usually 12 months from today.",
        earliest=dates.tomorrow,
        latest=dates.years_ahead(services.LONGEST_REVIEW_YEARS),
        example=dates.years_ahead(1),
    )


class CcuEndForm(EndForm):
    """The CCU records that a member's association has ended: the same answers as the member's
    own, asked about the member, with a reminder that the member reads the reason."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].help_text = (
            "As the member or your enquiries tell you. If you are not sure, give your best "
            "estimate."
        )
        self.fields["reason"].help_text = (
            "The member of staff reads this, so write it to them, plainly, and do not refer to "
            "intelligence. For example, they told us on 3 March that they have separated."
        )
