"""Assigning reviewers, outside invitations, conflicts of interest, weighted scores and ranking."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import selectors, services
from grants.models import GrantApplication, ReviewAssignment
from grants.rules import weighted_score
from ngo_portal.models import Notification
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(application, member):
    services.application_submit(application=application, by=member)
    application.refresh_from_db()
    return application


def scores_for(application, values):
    criteria = list(application.round.criteria.all())
    return {c.pk: (value, "") for c, value in zip(criteria, values, strict=True)}


def test_weighted_score_is_the_weighted_mean():
    assert weighted_score([(5, 3), (1, 1)]) == Decimal("4.000")
    assert weighted_score([(4, 2), (3, 1)]) == Decimal("3.667")
    assert weighted_score([(0, 1)]) == Decimal("0.000")


def test_assign_a_center_reviewer_emails_them(submitted, officer, reviewer):
    assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    assert assignment.status == ReviewAssignment.Status.ASSIGNED
    assert Notification.objects.filter(
        kind="grant_review_requested", email=reviewer.email, object_id=assignment.pk
    ).exists()


def test_someone_without_the_reviewer_role_cannot_be_assigned(submitted, officer, center_user):
    mentor = center_user("mentor", submitted.round.center)
    with pytest.raises(ValidationError):
        services.reviewer_assign(application=submitted, by=officer, reviewer=mentor)


def test_an_applicant_member_cannot_review(submitted, officer, member):
    with pytest.raises(ValidationError):
        services.reviewer_assign(application=submitted, by=officer, email=member.email)


def test_an_outside_reviewer_is_invited_and_accepts(submitted, officer):
    assignment = services.reviewer_assign(
        application=submitted, by=officer, email="Expert@University.example"
    )
    assert assignment.status == ReviewAssignment.Status.INVITED
    assert assignment.reviewer is None
    assert Notification.objects.filter(
        kind="grant_review_requested", email="expert@university.example"
    ).exists()
    outsider = UserFactory(email="expert@university.example")
    services.review_invitation_accept(assignment=assignment, user=outsider)
    assignment.refresh_from_db()
    assert assignment.reviewer == outsider
    assert assignment.status == ReviewAssignment.Status.ASSIGNED


def test_review_submit_updates_the_average(submitted, officer, reviewer, center_user):
    second = center_user("reviewer", submitted.round.center)
    first_assignment = services.reviewer_assign(
        application=submitted, by=officer, reviewer=reviewer
    )
    second_assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=second)
    services.review_submit(
        assignment=first_assignment,
        by=reviewer,
        recommendation="yes",
        comment="",
        scores=scores_for(submitted, [5, 1]),
    )
    services.review_submit(
        assignment=second_assignment,
        by=second,
        recommendation="maybe",
        comment="",
        scores=scores_for(submitted, [3, 3]),
    )
    submitted.refresh_from_db()
    assert submitted.review_count == 2
    assert submitted.average_score == Decimal("3.500")  # (4.000 + 3.000) / 2


def test_every_criterion_must_be_scored(submitted, officer, reviewer):
    assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    criterion = submitted.round.criteria.first()
    with pytest.raises(ValidationError):
        services.review_submit(
            assignment=assignment,
            by=reviewer,
            recommendation="yes",
            comment="",
            scores={criterion.pk: (4, "")},
        )


def test_only_the_assigned_reviewer_scores(submitted, officer, reviewer, center_user):
    assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    other = center_user("reviewer", submitted.round.center)
    with pytest.raises(PermissionDenied):
        services.review_submit(
            assignment=assignment,
            by=other,
            recommendation="yes",
            comment="",
            scores=scores_for(submitted, [5, 5]),
        )


def test_a_conflict_unassigns_and_removes_the_review(submitted, officer, reviewer):
    assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    services.review_submit(
        assignment=assignment,
        by=reviewer,
        recommendation="yes",
        comment="",
        scores=scores_for(submitted, [5, 5]),
    )
    services.assignment_declare_conflict(
        assignment=assignment, by=reviewer, note="My cousin runs it."
    )
    assignment.refresh_from_db()
    submitted.refresh_from_db()
    assert assignment.status == ReviewAssignment.Status.CONFLICT
    assert assignment.conflict_note == "My cousin runs it."
    assert submitted.review_count == 0 and submitted.average_score is None
    with pytest.raises(PermissionDenied):
        services.review_submit(
            assignment=assignment,
            by=reviewer,
            recommendation="yes",
            comment="",
            scores=scores_for(submitted, [5, 5]),
        )


def test_ranking_orders_by_weighted_average_unreviewed_last(funding_round, officer, reviewer):
    applications = []
    for values in ([1, 1], [5, 5], [3, 4], None):
        member = OrganizationMembershipFactory(role="owner").user
        application = GrantApplicationFactory(
            round=funding_round,
            organization=member.organization_memberships.get().organization,
            status=GrantApplication.Status.SUBMITTED,
        )
        applications.append(application)
        if values is not None:
            assignment = services.reviewer_assign(
                application=application, by=officer, reviewer=reviewer
            )
            services.review_submit(
                assignment=assignment,
                by=reviewer,
                recommendation="maybe",
                comment="",
                scores=scores_for(application, values),
            )
    ranking = list(selectors.application_ranking(funding_round=funding_round))
    assert [a.pk for a in ranking] == [
        applications[1].pk,
        applications[2].pk,
        applications[0].pk,
        applications[3].pk,
    ]
    assert [a.average_score for a in ranking] == [
        Decimal("5.000"),
        Decimal("3.250"),
        Decimal("1.000"),
        None,
    ]


def test_an_address_is_invited_once_per_application(submitted, officer):
    """A double click on Assign, or the address typed again in other capitals, sends one
    invitation, not two links to the same person."""
    services.reviewer_assign(application=submitted, by=officer, email="expert@university.example")
    with pytest.raises(ValidationError) as caught:
        services.reviewer_assign(
            application=submitted, by=officer, email=" Expert@University.example "
        )
    assert "already invited" in str(caught.value)
    assert submitted.assignments.count() == 1
    assert Notification.objects.filter(kind="grant_review_requested").count() == 1


def test_the_database_refuses_a_second_invitation_of_an_address(submitted, officer):
    from django.db import IntegrityError, transaction

    ReviewAssignment.objects.create(
        application=submitted, invited_email="expert@university.example", status="invited"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.create(
            application=submitted, invited_email="expert@university.example", status="invited"
        )


def test_a_reviewer_who_declared_a_conflict_is_not_assigned_again(submitted, officer, reviewer):
    assignment = services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    services.assignment_declare_conflict(assignment=assignment, by=reviewer, note="My sister.")
    with pytest.raises(ValidationError) as caught:
        services.reviewer_assign(application=submitted, by=officer, reviewer=reviewer)
    assert "declared a conflict of interest" in str(caught.value)
