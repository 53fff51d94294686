"""The grants predicates one by one (the matrix in test_permissions.py checks them through the
pages)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from grants import permissions as p
from grants.models import GrantApplication, GrantReport, ReviewAssignment
from tests.ngo_portal.factories import CenterMembershipFactory

from .factories import AwardFactory, CampaignFactory, GrantReportFactory, ReviewAssignmentFactory

pytestmark = pytest.mark.django_db


def test_round_visibility(funding_round, officer, member):
    assert p.can_view_round(AnonymousUser(), funding_round)
    funding_round.is_published = False
    assert not p.can_view_round(member, funding_round)
    assert p.can_view_round(officer, funding_round)
    assert p.can_edit_round(officer, funding_round) and not p.can_edit_round(member, funding_round)


def test_other_centers_staff_are_strangers(funding_round, application):
    other = CenterMembershipFactory(role="manager").user
    assert not p.can_edit_round(other, funding_round)
    assert not p.can_view_application(other, application)
    assert not p.can_export_round(other, funding_round)
    assert p.can_manage_funds(other)


def test_applicant_edits_only_while_editable(application, member, officer):
    assert p.can_edit_application(member, application)
    assert not p.can_edit_application(officer, application)
    application.status = GrantApplication.Status.SUBMITTED
    assert not p.can_edit_application(member, application)
    assert p.can_withdraw_application(member, application)
    application.status = GrantApplication.Status.MORE_INFORMATION
    assert p.can_edit_application(member, application)
    application.status = GrantApplication.Status.APPROVED
    assert not p.can_withdraw_application(member, application)


def test_decisions_only_under_review(application, officer, manager):
    assert not p.can_decide_application(officer, application)  # a draft
    application.status = GrantApplication.Status.SUBMITTED
    assert p.can_decide_application(officer, application)
    assert p.can_decide_application(manager, application)


def test_reviewers_see_their_active_assignments_only(application, reviewer, center_user):
    application.status = GrantApplication.Status.SUBMITTED
    application.save()
    assignment = ReviewAssignmentFactory(application=application, reviewer=reviewer)
    other = center_user("reviewer", application.round.center)
    assert p.can_review(reviewer, assignment) and p.can_score_review(reviewer, assignment)
    assert not p.can_review(other, assignment)
    assert p.can_view_application(reviewer, application)
    assert not p.can_view_application(other, application)
    assignment.status = ReviewAssignment.Status.CONFLICT
    assignment.save()
    p.forget_assignments(reviewer)
    assert not p.can_review(reviewer, assignment)
    assert not p.can_view_application(reviewer, application)


def test_reports_submitted_by_grantees_reviewed_by_staff(center, officer):
    report = GrantReportFactory(award=AwardFactory(application__round__fund__center=center))
    grantee = report.award.application.organization.memberships.create(
        user=CenterMembershipFactory(role="mentor").user, role="member", state="active"
    ).user
    assert p.can_submit_grant_report(grantee, report)
    assert not p.can_review_grant_report(officer, report)
    report.status = GrantReport.Status.SUBMITTED
    assert not p.can_submit_grant_report(grantee, report)
    assert p.can_review_grant_report(officer, report)
    assert p.can_view_award(grantee, report.award) and p.can_manage_award(officer, report.award)
    assert not p.can_manage_award(grantee, report.award)


def test_campaigns_kept_by_their_center(center, officer, staff):
    campaign = CampaignFactory(center=center)
    assert p.can_edit_campaign(officer, campaign)
    assert not p.can_edit_campaign(staff, campaign)
    assert p.can_manage_campaigns(staff)
    assert not p.can_manage_campaigns(AnonymousUser())


def test_the_center_does_not_see_a_draft_until_it_is_submitted(application, member, officer):
    """The lists leave drafts out; the application's own page and its attachments must too."""
    from django.core.files.base import ContentFile
    from django.test import Client
    from django.urls import reverse

    from grants import services
    from grants.models import ApplicationAttachment

    attachment = ApplicationAttachment.objects.create(
        application=application,
        title="Plan",
        file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=13,
    )
    client = Client()
    client.force_login(officer)
    detail = reverse("grants:application_detail", args=[application.pk])
    download = reverse("grants:attachment_download", args=[attachment.pk])
    assert client.get(detail).status_code == 404
    assert client.get(download).status_code == 404
    services.application_withdraw(application=application, by=member)
    assert client.get(detail).status_code == 404
    application.refresh_from_db()
    application.status, application.submitted_at = "submitted", application.created_at
    application.save()
    assert client.get(detail).status_code == 200
    assert client.get(download).status_code == 200
