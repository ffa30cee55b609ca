"""Forms for declaring, changing and ending a notifiable association, and for the CCU's
assessment. The forms parse and say what is missing; the services decide what is acceptable
(dates, choices, plain text), so every caller gets the same rules."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from registers.associations import services
from registers.associations.fields import GovukDateField, GovukRadioField
from registers.associations.models import ConcernCategory, ContactFrequency, Relationship, Risk
from standards.core.forms import GovukFormMixin
from standards.core.validators import no_markup

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
    """The member's declaration (and, prefilled, the change of it)."""

    service_check = services.clean_answers

    associate_name = forms.CharField(
        label="Their full name",
        max_length=200,
        help_text="Include any other names they use or are known by.",
        validators=[no_markup],
        error_messages={
            "required": "Enter their name",
            "max_length": "Their name must be 200 characters or fewer",
        },
    )
    associate_date_of_birth = GovukDateField(
        name="Their date of birth",
        label="Their date of birth (if you know it)",
        required=False,
        help_text="For example, 27 3 1985",
        error_messages={"invalid": "Their date of birth must be a real date"},
    )
    associate_address = forms.CharField(
        label="Their address (if you know it)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_markup],
        error_messages={"max_length": "Their address must be 1,000 characters or fewer"},
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
        help_text="For example, 1 6 2019. If you do not know the exact day, give your best "
        "estimate.",
        error_messages={
            "required": "Enter the date you first knew them",
            "invalid": "The date you first knew them must be a real date",
        },
    )
    circumstances = forms.CharField(
        label="Tell us about the association",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="How you know them, what you know about them that made you declare it, and "
        "anything you already do to keep work separate (for example, you never talk about work "
        "with them).",
        validators=[no_markup],
        error_messages={
            "required": "Tell us how you know them and why you are declaring them",
            "max_length": "This answer must be 5,000 characters or fewer",
        },
    )


class EndForm(GovukFormMixin, forms.Form):
    ended_on = GovukDateField(
        name="The date the association ended",
        label="When did the association end?",
        help_text="For example, 14 2 2026. If you are not sure, give your best estimate.",
        error_messages={
            "required": "Enter the date the association ended",
            "invalid": "The date the association ended must be a real date",
        },
    )
    reason = forms.CharField(
        label="Why has it ended?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, you have separated, they have moved away, or you have not "
        "been in contact for over a year.",
        validators=[no_markup],
        error_messages={
            "required": "Tell us why the association has ended",
            "max_length": "This answer must be 2,000 characters or fewer",
        },
    )


class AssessmentForm(_CheckedByService):
    service_check = services.clean_assessment

    risk = GovukRadioField(
        label="Risk",
        choices=Risk.choices,
        hints=RISK_HINTS,
        error_messages={"required": "Select the risk"},
    )
    rationale = forms.CharField(
        label="Rationale",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why this is the risk: what you checked and what you found. Seen only by the "
        "Counter Corruption Unit, never by the member of staff.",
        validators=[no_markup],
        error_messages={
            "required": "Enter the rationale for the risk",
            "max_length": "The rationale must be 5,000 characters or fewer",
        },
    )
    advice = forms.CharField(
        label="Advice to the member of staff",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What they should do. The member of staff reads this, so write it to them, "
        "plainly, and do not refer to intelligence.",
        validators=[no_markup],
        error_messages={
            "required": "Enter the advice for the member of staff",
            "max_length": "The advice must be 5,000 characters or fewer",
        },
    )
    conditions = forms.CharField(
        label="Conditions (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything they must or must not do, for example not to access records about "
        "this person. The member of staff reads these.",
        validators=[no_markup],
        error_messages={"max_length": "The conditions must be 5,000 characters or fewer"},
    )
    next_review_on = GovukDateField(
        name="The date of the next review",
        label="Next review",
        help_text="Usually 12 months from today.",
        error_messages={
            "required": "Enter the date of the next review",
            "invalid": "The date of the next review must be a real date",
        },
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
