"""Grant report reminders end to end: the periodic task run twice on a real Celery worker, the
e-mails through a real SMTP server; each grantee gets the reminder once."""

import datetime

import pytest
from django.utils import timezone

from ngo_portal.models import Notification
from ngo_portal.services import notification_schedule_welcome
from ngo_portal.task_queue import enqueue
from tests.grants.factories import GrantReportFactory
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 20
TASK = "grants.tasks.grant_report_reminders_task"


def test_the_reminder_job_twice_mails_once(tasks_on_worker, mailbox):
    report = GrantReportFactory(due_on=timezone.localdate() + datetime.timedelta(days=3))
    owner = UserFactory(preferred_language="zh-hans")
    OrganizationMembershipFactory(
        organization=report.award.application.organization, user=owner, role="owner"
    )

    enqueue(TASK)
    enqueue(TASK)

    mails = mailbox.wait_for(owner.email, timeout=DELIVERY_TIMEOUT)
    assert len(mails) == 1
    assert f"/zh-hans/grants/reports/{report.pk}/" in mails[0].text
    # The second run found the outbox row already there; a send task queued for it again finds
    # the row sent. Give the worker the time of a later message to prove nothing else came.
    later = UserFactory()
    notification_schedule_welcome(user=later)
    assert mailbox.wait_for(later.email, timeout=DELIVERY_TIMEOUT)
    assert len(mailbox.wait_for(owner.email, timeout=2)) == 1
    assert Notification.objects.filter(kind="grant_report_due_soon").count() == 1
