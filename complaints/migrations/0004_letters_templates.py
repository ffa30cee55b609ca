"""The four default letter templates (acknowledgement, handling decision, outcome, review outcome)
in plain English. Administrators change the wording in the admin; the placeholders are the fixed
list in complaints.letters, and the outcome letter keeps {{ right_of_review }}."""

from django.db import migrations

from complaints.defaults import LETTER_TEMPLATES as TEMPLATES


def install(apps, schema_editor):  # noqa: ARG001 - migration signature
    letter_template = apps.get_model("complaints", "LetterTemplate")
    for kind, name, subject, body in TEMPLATES:
        letter_template.objects.get_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_letters_outcome_rationale_and_late_reason")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
