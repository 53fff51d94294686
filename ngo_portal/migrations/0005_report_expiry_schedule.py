"""The periodic job that deletes expired generated files and abandoned import uploads.

It runs every day at 03:30 Asia/Shanghai, when nobody is exporting. Admins can change the time or
switch it off under "Periodic tasks" in the admin; this migration only creates it when missing.
"""

from django.db import migrations

TASK_NAME = "Delete expired generated files"
TASK = "ngo_portal.tasks.reports_expire_task"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(name=TASK_NAME, defaults={"task": TASK, "crontab": crontab})


def delete_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ngo_portal", "0004_report"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
