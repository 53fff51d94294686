"""Every grants e-mail renders and goes out in the recipient's language, with its link."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from grants import services
from grants.models import GrantApplication
from ngo_portal.models import Notification
from ngo_portal.services.notifications import notification_deliver
from tests.ngo_portal.factories import UserFactory

from .factories import GrantReportFactory

pytestmark = pytest.mark.django_db


def deliver_all():
    for notification in Notification.objects.filter(status="pending"):
        notification_deliver(notification_id=notification.pk, final_attempt=True)
    assert not Notification.objects.exclude(status="sent").exists()
    return {message.subject: message for message in mail.outbox}


@pytest.fixture
def submitted(application, member):
    services.application_submit(application=application, by=member)
    return application


def test_decision_question_and_review_request_emails(submitted, member, officer, reviewer):
    services.information_request(application=submitted, by=officer, question="Who cooks?")
    deliver_all()  # a question answered before it was sent is no longer sent
    services.application_submit(application=submitted, by=member, answer="A cook.")
    services.reviewer_assign(application=submitted, by=officer, email="guest@example.org")
    services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    services.application_approve(application=submitted, by=officer, amount=Decimal("20000"))
    messages = deliver_all()
    title = submitted.title
    question = messages[f"[NGO Portal] More information needed on “{title}”"]
    assert "Who cooks?" in question.body and "/apply/?organization=" in question.body
    approved = messages[f"[NGO Portal] Your application “{title}” is approved"]
    assert "an award of ¥20,000.00." in approved.body and approved.to == [member.email]
    invitations = [m for m in mail.outbox if m.subject.endswith(f"Please review “{title}”")]
    assert {m.to[0] for m in invitations} == {"guest@example.org", reviewer.email}
    assert any("/grants/reviews/invitations/" in m.body for m in invitations)


def test_rejection_in_chinese(submitted, member, officer):
    member.preferred_language = "zh-hans"
    member.save()
    services.application_reject(application=submitted, by=officer, reason="不在资助范围内。")
    [message] = deliver_all().values()
    assert "\n\n理由： 不在资助范围内。" in message.body
    assert "/zh-hans/grants/applications/" in message.body


def test_report_reminders_render():
    report = GrantReportFactory(due_on=datetime.date(2026, 6, 30))
    owner = UserFactory()
    report.award.application.organization.memberships.create(
        user=owner, role="owner", state="active"
    )
    services.grant_report_reminders_send(today=datetime.date(2026, 6, 25))
    services.grant_report_reminders_send(today=datetime.date(2026, 7, 2))
    messages = deliver_all()
    assert set(messages) == {
        "[NGO Portal] A grant report is due on 2026-06-30",
        "[NGO Portal] A grant report was due on 2026-06-30",
    }
    assert all(f"/grants/reports/{report.pk}/" in m.body for m in messages.values())


def test_plain_text_mail_carries_the_text_as_typed(submitted, member, officer):
    """The text part and the subject are not HTML: "&" stays "&" (the HTML part escapes it)."""
    GrantApplication.objects.filter(pk=submitted.pk).update(title="Tom & Jerry's <club>")
    services.application_reject(application=submitted, by=officer, reason='Too "vague" & short')
    [message] = deliver_all().values()
    assert message.subject.endswith("“Tom & Jerry's <club>”")
    assert "Tom & Jerry's <club>" in message.body
    assert 'Too "vague" & short' in message.body
    html = message.alternatives[0][0]
    assert "Tom &amp; Jerry" in html and "<club>" not in html


def test_a_report_sent_back_is_emailed_with_what_to_change(officer):
    from grants.models import GrantReport
    from tests.organizations.factories import OrganizationMembershipFactory

    report = GrantReportFactory(status=GrantReport.Status.SUBMITTED)
    grantee = OrganizationMembershipFactory(
        organization=report.award.application.organization, role="owner"
    ).user
    grantee.preferred_language = "zh-hans"
    grantee.save()
    report.award.application.round.center = officer.center_memberships.first().center
    report.award.application.round.save()
    services.grant_report_send_back(report=report, by=officer, comment="请补充照片。")
    messages = deliver_all()
    [message] = [m for m in messages.values() if grantee.email in m.to]
    assert report.award.application.title in message.subject
    assert "请补充照片。" in message.body and "请补充照片。" in message.alternatives[0][0]
    assert f"/zh-hans/grants/reports/{report.pk}/" in message.body
