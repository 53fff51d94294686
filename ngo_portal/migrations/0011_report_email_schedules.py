"""The scheduled report e-mails: the monthly center report (1st of the month, 07:00) and the
weekly deadline digest (Mondays, 07:30), Asia/Shanghai. Admins can change the times or switch
them off under "Periodic tasks"; this migration only creates them when missing."""

from django.db import migrations

SCHEDULES = [
    (
        "Monthly center reports",
        "ngo_portal.tasks.monthly_center_reports_task",
        {"minute": "0", "hour": "7", "day_of_week": "*", "day_of_month": "1"},
    ),
    (
        "Weekly deadline digests",
        "ngo_portal.tasks.weekly_digests_task",
        {"minute": "30", "hour": "7", "day_of_week": "1", "day_of_month": "*"},
    ),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, fields in SCHEDULES:
        crontab, _created = CrontabSchedule.objects.get_or_create(
            **fields, month_of_year="*", timezone="Asia/Shanghai"
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})


def delete_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, _fields in SCHEDULES:
        PeriodicTask.objects.filter(name=name, task=task).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ngo_portal", "0010_notification_opt_outs_and_impact_pages"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
