"""Forms of the confidential reporting line: the reporter's, and the CCU's message to them."""

from __future__ import annotations

from django import forms

from ccu.models import Anonymity
from ccu.services.line import ACCOUNT_MAX, MESSAGE_MAX
from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin


class LineReportForm(GovukFormMixin, forms.Form):
    what_happened = text_field(
        "What happened?",
        name="What happened",
        max_length=ACCOUNT_MAX,
        rows=10,
        required="Enter what happened, in your own words",
        help_text=(
            "Say what you saw or heard, who was involved and anything that would help the "
            "Counter Corruption Unit look into it. Do not say who you are unless you want to."
        ),
    )
    when_where = text_field(
        "When and where did it happen? (optional)",
        name="When and where",
        max_length=500,
        required=None,
        help_text="For example, 'most Fridays since March, at the custody suite'.",
    )
    anonymity = GovukRadioField(
        label="Do you want to stay anonymous?",
        choices=[
            (Anonymity.ANONYMOUS, "Yes, stay anonymous"),
            (Anonymity.CONFIDENTIAL, "No, I am content to be confidential, not anonymous"),
        ],
        initial=Anonymity.ANONYMOUS,
        hints={
            Anonymity.ANONYMOUS: "Nobody, not even the Counter Corruption Unit, can find out "
            "who made this report.",
            Anonymity.CONFIDENTIAL: "Your name is sealed with the report. Only the head of the "
            "Counter Corruption Unit can open it, and must record why.",
        },
        error_messages={"required": "Select whether you want to stay anonymous"},
    )


class ReturnForm(GovukFormMixin, forms.Form):
    code = text_field(
        "Receipt code",
        name="The receipt code",
        max_length=60,
        required="Enter your receipt code",
        help_text="The code you were given when you made the report, for example "
        "ABCD2345-WXYZ-2345-ABCD-EFGH. Capitals, spaces and hyphens do not matter.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReplyForm(GovukFormMixin, forms.Form):
    reply = text_field(
        "Your answer",
        name="Your answer",
        max_length=MESSAGE_MAX,
        rows=6,
        required="Enter your answer",
        help_text="Only the Counter Corruption Unit reads it. Do not say who you are unless you "
        "want to.",
    )


class LineMessageForm(GovukFormMixin, forms.Form):
    text = text_field(
        "Message to the reporter",
        name="The message",
        max_length=MESSAGE_MAX,
        rows=5,
        required="Enter your message to the reporter",
        help_text="The reporter reads it, dated to the day and without your name, when they "
        "come back with their receipt code. Keep internal notes on the report's Notes tab.",
    )
