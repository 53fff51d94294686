"""The daily trainings job: sessions whose last day has passed are completed (evaluation e-mails,
follow-up set), and participants are reminded of their follow-up before it is due and once it is
overdue, each reminder once per person.

It runs every day at 08:00 Asia/Shanghai, when the e-mails reach people at the start of their
working day. Admins can change the time or switch it off under "Periodic tasks" in the admin;
this migration only creates it when missing.
"""

from django.db import migrations

TASK_NAME = "Training follow-up reminders"
TASK = "trainings.tasks.follow_up_reminders_task"


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
        ("trainings", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
