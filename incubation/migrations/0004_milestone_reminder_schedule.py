"""The periodic job that reminds organizations and their mentors of milestones: once a week
before the due date and once after it, if still open. It runs every day at 08:00
Asia/Shanghai; admins can change the time or switch it off under "Periodic tasks". The outbox's
unique key (kind, milestone, address, due date) makes each reminder go out once, however often
the job runs.
"""

from django.db import migrations

TASK_NAME = "Milestone reminders"
TASK = "incubation.tasks.milestone_reminders_task"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
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
        ("incubation", "0003_default_capacity_framework"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
