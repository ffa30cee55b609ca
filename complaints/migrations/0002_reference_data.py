"""The IOPC categories, the Standards of Professional Behaviour and the referral criteria
(complaints/defaults.py). The administrator extends them in the admin."""

from django.db import migrations

from complaints.defaults import ALLEGATION_CATEGORIES, PROFESSIONAL_STANDARDS, REFERRAL_CRITERIA


def install(apps, schema_editor):
    category = apps.get_model("complaints", "AllegationCategory")
    standard = apps.get_model("complaints", "ProfessionalStandard")
    criterion = apps.get_model("complaints", "ReferralCriterion")
    for order, (code, group, name) in enumerate(ALLEGATION_CATEGORIES):
        category.objects.update_or_create(
            code=code, defaults={"group": group, "name": name, "order": order}
        )
    for order, name in enumerate(PROFESSIONAL_STANDARDS):
        standard.objects.update_or_create(name=name, defaults={"order": order})
    for order, (code, question, hint) in enumerate(REFERRAL_CRITERIA):
        criterion.objects.update_or_create(
            code=code, defaults={"question": question, "hint": hint, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
