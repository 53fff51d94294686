"""Reminders before and after a report's due date go once each, however often the job runs."""

import datetime

import pytest

from grants import services
from grants.models import GrantReport
from grants.tasks import grant_report_reminders_task
from ngo_portal.models import Notification
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import GrantReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = GrantReportFactory(due_on=datetime.date(2026, 6, 30))
    OrganizationMembershipFactory(organization=report.award.application.organization, role="owner")
    return report


def kinds(report):
    return sorted(Notification.objects.filter(object_id=report.pk).values_list("kind", flat=True))


def test_nothing_is_sent_long_before_the_due_date(report):
    services.grant_report_reminders_send(today=datetime.date(2026, 6, 1))
    assert kinds(report) == []


def test_due_soon_then_overdue_once_each(report):
    for day in (23, 24, 24, 29):
        services.grant_report_reminders_send(today=datetime.date(2026, 6, day))
    assert kinds(report) == ["grant_report_due_soon"]
    for day in (1, 1, 5):
        services.grant_report_reminders_send(today=datetime.date(2026, 7, day))
    assert kinds(report) == ["grant_report_due_soon", "grant_report_overdue"]


def test_the_periodic_task_run_twice_schedules_once(report, django_capture_on_commit_callbacks):
    report.due_on = datetime.date.today() + datetime.timedelta(days=3)
    report.save()
    grant_report_reminders_task.apply()
    grant_report_reminders_task.apply()
    assert kinds(report) == ["grant_report_due_soon"]


def test_a_submitted_report_is_not_reminded(report):
    report.status = GrantReport.Status.SUBMITTED
    report.save()
    services.grant_report_reminders_send(today=datetime.date(2026, 7, 2))
    assert kinds(report) == []


def test_the_schedule_is_declared_once():
    """The data migration's function, run again (a flush by a transactional test may have
    removed the row it created): it creates the daily 08:00 Asia/Shanghai entry once."""
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module("grants.migrations.0002_report_reminder_schedule")
    migration.create_schedule(apps, None)
    migration.create_schedule(apps, None)
    task = PeriodicTask.objects.get(task="grants.tasks.grant_report_reminders_task")
    assert task.crontab.hour == "8" and str(task.crontab.timezone) == "Asia/Shanghai"
