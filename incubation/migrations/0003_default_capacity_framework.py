"""The default capacity framework, version 1 (incubation/default_framework.py holds its areas,
indicators and level descriptors in English and Chinese).

Only created when the framework "default" has no version yet; reversing removes version 1 only
if no assessment uses it.
"""

from django.db import migrations

from incubation.default_framework import FRAMEWORK, default_framework_create


def create_default_framework(apps, schema_editor):
    default_framework_create(
        apps.get_model("incubation", "CapacityFramework"),
        apps.get_model("incubation", "CapacityArea"),
        apps.get_model("incubation", "CapacityIndicator"),
    )


def delete_default_framework(apps, schema_editor):
    Framework = apps.get_model("incubation", "CapacityFramework")
    Assessment = apps.get_model("incubation", "CapacityAssessment")
    unused = Framework.objects.filter(key=FRAMEWORK["key"], version=1, previous__isnull=True)
    unused = unused.exclude(pk__in=Assessment.objects.values("framework_id"))
    for framework in unused:
        framework.areas.all().delete()
        framework.delete()


class Migration(migrations.Migration):
    dependencies = [("incubation", "0002_applications_mentoring_assessments")]

    operations = [migrations.RunPython(create_default_framework, delete_default_framework)]
