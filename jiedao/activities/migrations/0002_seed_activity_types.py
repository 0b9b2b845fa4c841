"""A fresh install starts with the activity types and measures the annual report counts."""

from django.db import migrations


def seed(apps, schema_editor):
    from jiedao.activities.catalogue import seed_activity_types

    seed_activity_types(
        apps.get_model("activities", "Measure"),
        apps.get_model("activities", "ActivityType"),
        apps.get_model("core", "Office"),
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
