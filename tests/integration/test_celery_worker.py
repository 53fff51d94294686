"""The outbox end to end: a committed row, a real Celery worker, a real SMTP server."""

import time

import pytest

from ngo_portal.models import Notification
from ngo_portal.services import notification_schedule_welcome
from ngo_portal.task_queue import enqueue
from organizations.models import OrganizationMembership
from organizations.services import membership_invite
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 20


def test_worker_sends_the_welcome_mail_once(tasks_on_worker, mailbox):
    user = UserFactory()

    notification = notification_schedule_welcome(user=user)

    mails = mailbox.wait_for(user.email, timeout=DELIVERY_TIMEOUT)
    assert len(mails) == 1
    assert "Your e-mail address is confirmed" in mails[0].text
    # The worker commits the row just after the SMTP server accepted the mail.
    notification = _once_settled(notification)
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1

    again = notification_schedule_welcome(user=user)
    # The worker runs one task at a time in queue order: once a later user's mail is in, a
    # second mail to the first user, had one been queued, would already be in too.
    later_user = UserFactory()
    notification_schedule_welcome(user=later_user)
    assert len(mailbox.wait_for(later_user.email, timeout=DELIVERY_TIMEOUT)) == 1

    assert again.pk == notification.pk
    assert len(mailbox.to(user.email)) == 1
    assert Notification.objects.get(pk=notification.pk).attempts == 1


def test_worker_sends_an_invitation_to_an_address_without_an_account_once(tasks_on_worker, mailbox):
    organization = OrganizationFactory(name_zh="西宁社区发展中心")
    owner = OrganizationMembershipFactory(
        organization=organization,
        role=OrganizationMembership.Role.OWNER,
        user=UserFactory(preferred_language="zh-hans"),
    ).user

    invitation = membership_invite(
        organization=organization, email="no.account@example.org", role="member", by=owner
    )

    (received,) = mailbox.wait_for("no.account@example.org", timeout=DELIVERY_TIMEOUT)
    # No account: the e-mail is in the inviter's language, its link under /zh-hans/.
    assert "西宁社区发展中心" in received.message["Subject"]
    assert f"/zh-hans/organizations/invitations/{invitation.invitation_token}/" in received.text
    notification = _once_settled(Notification.objects.get(kind="organization_invitation"))
    assert (notification.email, notification.user, notification.status) == (
        "no.account@example.org",
        None,
        Notification.Status.SENT,
    )

    # Queue the same message again, then a later one: the first address still has one e-mail.
    enqueue("ngo_portal.tasks.notification_send", notification.pk)
    later = UserFactory()
    notification_schedule_welcome(user=later)
    assert len(mailbox.wait_for(later.email, timeout=DELIVERY_TIMEOUT)) == 1
    assert len(mailbox.to("no.account@example.org")) == 1


def test_healthz_reports_every_component_up(tasks_on_worker, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "up",
        "components": {"database": "up", "redis": "up", "celery": "up"},
    }


def _once_settled(notification, timeout=5):
    """The row re-read until the worker has recorded an outcome (or `timeout` has passed)."""
    deadline = time.monotonic() + timeout
    notification.refresh_from_db()
    while notification.status == Notification.Status.PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
        notification.refresh_from_db()
    return notification
