"""The permission matrix over every grants URL: anonymous → login, a stranger to the object →
404, a missing role → 403, the right role → the page (200, with its form's errors for an empty
POST) or the redirect after the action ("done").

People: anonymous; a member of another organization; a reviewer of the center not assigned; a
mentor of the center; an officer of another center; the center's officer and manager; the
applying organization's member; the reviewer assigned to the application.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from grants.models import ApplicationAttachment, GrantApplication, GrantReport, ReviewAssignment
from ngo_portal.models import CenterMembership
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import (
    AwardFactory,
    CampaignFactory,
    CampaignParticipationFactory,
    FundingRoundFactory,
    GrantApplicationFactory,
    GrantReportFactory,
    ReviewAssignmentFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "other_member",
    "unassigned_reviewer",
    "mentor",
    "other_officer",
    "officer",
    "manager",
    "applicant",
    "assigned_reviewer",
]
L, DONE = "login", "done"
EVERYONE = [200] * 9
SIGNED_IN = [L] + [200] * 8
STAFF_ANYWHERE = [L, 403, 403, 403, 200, 200, 200, 403, 403]
CENTER_STAFF = [L, 403, 403, 403, 403, 200, 200, 403, 403]
APPLICATION_SEEN = [L, 404, 404, 404, 404, 200, 200, 200, 200]
STAFF_ACTION = [L, 404, 404, 404, 404, 200, 200, 403, 403]
AWARD_SEEN = [L, 404, 404, 404, 404, 200, 200, 200, 404]
AWARD_ACTION = [L, 404, 404, 404, 404, 200, 200, 403, 404]
AWARD_DONE = [L, 404, 404, 404, 404, DONE, DONE, 403, 404]

# (url name, object key or None, method, expected per person in PEOPLE order)
MATRIX = [
    ("round_list", None, "get", EVERYONE),
    ("round_detail", "round", "get", EVERYONE),
    ("round_create", None, "get", STAFF_ANYWHERE),
    ("round_edit", "round", "get", CENTER_STAFF),
    ("application_apply", "round", "get", [L, 200, 403, 403, 403, 403, 403, DONE, 403]),
    ("round_ranking", "round", "get", CENTER_STAFF),
    ("round_export", "export", "get", CENTER_STAFF),
    ("fund_list", None, "get", STAFF_ANYWHERE),
    ("fund_create", None, "get", STAFF_ANYWHERE),
    ("fund_edit", "fund", "get", CENTER_STAFF),
    ("application_list", None, "get", SIGNED_IN),
    ("application_detail", "application", "get", APPLICATION_SEEN),
    ("application_withdraw", "application", "post", [L, 404, 404, 404, 404, 403, 403, DONE, 403]),
    ("attachment_add", "application", "post", [L, 404, 404, 404, 404, 403, 403, 403, 403]),
    ("attachment_download", "attachment", "get", APPLICATION_SEEN),
    ("attachment_delete", "attachment", "post", [L, 404, 404, 404, 404, 403, 403, 403, 403]),
    ("information_request", "application", "post", STAFF_ACTION),
    ("reviewer_assign", "application", "post", STAFF_ACTION),
    ("application_approve", "application", "post", STAFF_ACTION),
    ("application_reject", "application", "post", STAFF_ACTION),
    ("review_list", None, "get", SIGNED_IN),
    ("review_detail", "assignment", "get", [L, 404, 404, 404, 404, 404, 404, 404, 200]),
    ("review_conflict", "assignment", "post", [L, 404, 404, 404, 404, 404, 404, 404, DONE]),
    ("review_invitation", "token", "get", SIGNED_IN),
    ("award_detail", "award", "get", AWARD_SEEN),
    ("disbursement_add", "award", "post", AWARD_ACTION),
    ("grant_report_require", "award", "post", AWARD_ACTION),
    ("disbursement_paid", "tranche", "post", AWARD_DONE),
    ("grant_report_detail", "report", "get", AWARD_SEEN),
    ("grant_report_accept", "report", "post", AWARD_DONE),
    ("grant_report_send_back", "report", "post", AWARD_DONE),
    ("campaign_list", None, "get", EVERYONE),
    ("campaign_detail", "campaign", "get", EVERYONE),
    ("campaign_create", None, "get", STAFF_ANYWHERE),
    ("campaign_edit", "campaign", "get", CENTER_STAFF),
    ("participation_create", "campaign", "get", CENTER_STAFF),
    ("participation_edit", "participation", "get", CENTER_STAFF),
    (
        "participation_delete",
        "participation",
        "post",
        [L, 403, 403, 403, 403, DONE, DONE, 403, 403],
    ),
]


@pytest.fixture
def world(center, funding_round, application, member, reviewer, officer, manager, center_user):
    """One of everything in `center`, and one person of each kind."""
    application.status = GrantApplication.Status.SUBMITTED
    application.save()
    assignment = ReviewAssignmentFactory(application=application, reviewer=reviewer)
    invited = ReviewAssignmentFactory(
        application=application, invited_email="guest@example.org", status="invited"
    )
    attachment = ApplicationAttachment.objects.create(
        application=application,
        title="Plan",
        file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=13,
    )
    award = AwardFactory(
        application=GrantApplicationFactory(
            round=FundingRoundFactory(fund=funding_round.fund),
            organization=application.organization,
            status="approved",
        ),
        amount=Decimal("20000"),
    )
    tranche = award.disbursements.create(amount=Decimal("10000"), planned_on=award.agreement_date)
    report = GrantReportFactory(award=award, status=GrantReport.Status.SUBMITTED)
    campaign = CampaignFactory(center=center)
    people = {
        "anonymous": None,
        "other_member": OrganizationMembershipFactory().user,
        "unassigned_reviewer": center_user(CenterMembership.Role.REVIEWER, center),
        "mentor": center_user(CenterMembership.Role.MENTOR, center),
        "other_officer": CenterMembershipFactory(role="officer").user,
        "officer": officer,
        "manager": manager,
        "applicant": member,
        "assigned_reviewer": reviewer,
    }
    objects = {
        "round": [funding_round.pk],
        "export": [funding_round.pk, "applications", "csv"],
        "fund": [funding_round.fund_id],
        "application": [application.pk],
        "attachment": [attachment.pk],
        "assignment": [assignment.pk],
        "token": [invited.invitation_token],
        "award": [award.pk],
        "tranche": [tranche.pk],
        "report": [report.pk],
        "campaign": [campaign.pk],
        "participation": [CampaignParticipationFactory(campaign=campaign).pk],
    }
    assert ReviewAssignment.objects.count() == 2
    return people, objects


CASES = [
    pytest.param(name, key, method, person, expected, id=f"{name}-{person}")
    for name, key, method, row in MATRIX
    for person, expected in zip(PEOPLE, row, strict=True)
]


@pytest.mark.parametrize(("name", "key", "method", "person", "expected"), CASES)
def test_permission_matrix(client, world, name, key, method, person, expected):
    people, objects = world
    if people[person] is not None:
        client.force_login(people[person])
    url = reverse(f"grants:{name}", args=objects[key] if key else [])
    response = getattr(client, method)(url)
    if expected == L:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == DONE:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_every_grants_url_is_in_the_matrix():
    from grants.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {name for name, *_rest in MATRIX}
