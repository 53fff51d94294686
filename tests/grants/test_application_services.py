"""Drafts, budget totals within the award limits, withdrawal, and the more-information loop."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import services
from grants.models import GrantApplication, InformationRequest
from ngo_portal.models import Notification
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_created_on_the_first_save_and_nothing_is_required(
    funding_round, organization, member
):
    application = services.application_save_draft(
        funding_round=funding_round, organization=organization, by=member, data={"title": "Meals"}
    )
    assert application.status == GrantApplication.Status.DRAFT
    assert application.title == "Meals" and application.summary == ""


def test_a_stranger_cannot_save_a_draft_for_an_organization(funding_round, organization, staff):
    with pytest.raises(PermissionDenied):
        services.application_save_draft(
            funding_round=funding_round, organization=organization, by=staff, data={}
        )


def test_budget_lines_replace_and_set_the_requested_total(application, member, funding_round):
    services.application_save_draft(
        funding_round=funding_round,
        organization=application.organization,
        by=member,
        data={},
        budget_lines=[
            {"category": "staff", "amount": Decimal("12000.50"), "justification": "Carer"},
            {"category": "travel", "amount": Decimal("3000"), "justification": ""},
        ],
        application=application,
    )
    application.refresh_from_db()
    assert application.requested_total == Decimal("15000.50")
    assert [line.amount for line in application.budget_lines.all()] == [
        Decimal("12000.50"),
        Decimal("3000.00"),
    ]


@pytest.mark.parametrize(
    ("amounts", "accepted"),
    [
        ([Decimal("9999.99")], False),
        ([Decimal("5000"), Decimal("5000")], True),
        ([Decimal("60000")], True),
        ([Decimal("60000"), Decimal("0.01")], False),
    ],
)
def test_the_budget_total_must_lie_within_the_award_limits(
    funding_round, organization, member, amounts, accepted
):
    application = GrantApplicationFactory(
        round=funding_round, organization=organization, created_by=member, budget=amounts
    )
    if accepted:
        services.application_submit(application=application, by=member)
        return
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, by=member)
    [error] = caught.value.error_list
    assert error.code == "budget_total"
    assert "¥10,000.00" in error.messages[0] and "¥60,000.00" in error.messages[0]


def test_an_application_without_budget_lines_or_title_is_incomplete(
    funding_round, organization, member
):
    application = GrantApplicationFactory(
        round=funding_round, organization=organization, budget=[], title=""
    )
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, by=member)
    codes = {error.code for error in caught.value.error_list}
    assert codes == {"missing_title", "no_budget"}


def test_withdraw(application, member):
    services.application_withdraw(application=application, by=member)
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.WITHDRAWN


def test_a_withdrawn_application_can_be_followed_by_a_new_draft(application, member, funding_round):
    services.application_withdraw(application=application, by=member)
    again = services.application_save_draft(
        funding_round=funding_round, organization=application.organization, by=member, data={}
    )
    assert again.pk != application.pk


def test_the_more_information_loop(application, member, officer, funding_round):
    services.application_submit(application=application, by=member)
    question = services.information_request(
        application=application, by=officer, question="Who runs the kitchen?"
    )
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.MORE_INFORMATION
    assert application.is_editable
    assert Notification.objects.filter(
        kind="grant_information_requested", email=member.email, object_id=question.pk
    ).exists()
    # Editing reopens; a resubmission without an answer is refused.
    services.application_save_draft(
        funding_round=funding_round,
        organization=application.organization,
        by=member,
        data={"summary": "Now with a cook."},
        application=application,
    )
    with pytest.raises(ValidationError):
        services.application_submit(application=application, by=member)
    services.application_submit(application=application, by=member, answer="A hired cook.")
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.SUBMITTED
    assert application.summary == "Now with a cook."
    # A second round of questions keeps the first exchange.
    services.information_request(application=application, by=officer, question="Which days?")
    services.application_submit(application=application, by=member, answer="Weekdays.")
    history = list(
        InformationRequest.objects.filter(application=application).values_list("question", "answer")
    )
    assert history == [("Who runs the kitchen?", "A hired cook."), ("Which days?", "Weekdays.")]


def test_only_staff_of_the_round_center_ask_for_information(application, member, staff):
    services.application_submit(application=application, by=member)
    with pytest.raises(PermissionDenied):
        services.information_request(application=application, by=staff, question="?")
    with pytest.raises(PermissionDenied):
        services.information_request(application=application, by=member, question="?")


def test_a_submitted_application_is_no_longer_editable(application, member, funding_round):
    services.application_submit(application=application, by=member)
    with pytest.raises(PermissionDenied):
        services.application_save_draft(
            funding_round=funding_round,
            organization=application.organization,
            by=member,
            data={"title": "Changed"},
            application=application,
        )


def test_an_ordinary_member_of_the_organization_may_apply(application):
    colleague = OrganizationMembershipFactory(organization=application.organization).user
    services.application_submit(application=application, by=colleague)


def test_two_first_saves_of_a_draft_make_one_draft_with_the_later_text(
    funding_round, organization, member
):
    """Autosaves overlapping on a slow line: both started before the draft existed; the second
    one is saved onto the draft the first created, not refused as a duplicate."""
    first = services.application_save_draft(
        funding_round=funding_round, organization=organization, by=member, data={"title": "Me"}
    )
    second = services.application_save_draft(
        funding_round=funding_round,
        organization=organization,
        by=member,
        data={"title": "Meals"},
        budget_lines=[{"category": "activities", "amount": Decimal("15000"), "justification": ""}],
    )
    assert second.pk == first.pk
    first.refresh_from_db()
    assert first.title == "Meals" and first.requested_total == Decimal("15000")
    assert GrantApplication.objects.filter(organization=organization).count() == 1
