"""The four default letter templates (acknowledgement, handling decision, outcome, review outcome)
in plain English. Administrators change the wording in the admin; the placeholders are the fixed
list in complaints.letters, and the outcome letter keeps {{ right_of_review }}."""

from django.db import migrations

TEMPLATES = (
    (
        "acknowledgement",
        "Acknowledgement",
        "Your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

Thank you for your complaint, which we received on {{ received_on }}. Your reference is {{ case_reference }}. Please quote it if you contact us.

You told us about:

{{ allegations }}

What happens next: we will look at your complaint and decide how to deal with it. We will write to you to tell you what we have decided. If you need us to make any changes so that you can take part, for example large print or a phone call instead of a letter, please tell us.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "handling",
        "Handling decision",
        "How we are dealing with your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

We have decided how to deal with your complaint about what happened on {{ incident_date }}.

{{ handling_decision }}

The parts of your complaint we are dealing with are:

{{ allegations }}

We will keep you updated, and write to you again when we have an outcome.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "outcome",
        "Outcome",
        "The outcome of your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

We have finished dealing with your complaint. This letter tells you what we found and what we have done.

What we found about each part of your complaint:

{{ allegations }}

Why we reached this outcome:
{{ outcome_rationale }}

Your right to a review
{{ right_of_review }}

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "review_outcome",
        "Review outcome",
        "The result of your review, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

You asked for a review of the outcome of your complaint. The review body, {{ review_body_name }}, has now reviewed it.

The review body decided that {{ review_result }}.

The reasons:
{{ review_rationale }}

What the review body recommends:
{{ review_recommendation }}

This is the end of the complaints process for your complaint.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
)


def install(apps, schema_editor):  # noqa: ARG001 - migration signature
    letter_template = apps.get_model("complaints", "LetterTemplate")
    for kind, name, subject, body in TEMPLATES:
        letter_template.objects.get_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_letters_outcome_rationale_and_late_reason")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
