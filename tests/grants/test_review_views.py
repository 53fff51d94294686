"""A reviewer sees only their assignments: an unassigned application answers 404, and so does
their own once they declare a conflict of interest."""

import pytest
from django.urls import reverse

from grants.models import GrantApplication, ReviewAssignment

from .factories import GrantApplicationFactory, ReviewAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(funding_round, reviewer):
    application = GrantApplicationFactory(
        round=funding_round, status=GrantApplication.Status.SUBMITTED
    )
    return ReviewAssignmentFactory(application=application, reviewer=reviewer)


def test_a_reviewer_is_refused_an_unassigned_application(client, reviewer, assignment):
    other = GrantApplicationFactory(
        round=assignment.application.round, status=GrantApplication.Status.SUBMITTED
    )
    client.force_login(reviewer)
    assert client.get(reverse("grants:application_detail", args=[other.pk])).status_code == 404
    page = client.get(reverse("grants:review_list")).content.decode()
    assert assignment.application.title in page and other.title not in page


def test_scoring_through_the_page(client, reviewer, assignment):
    client.force_login(reviewer)
    url = reverse("grants:review_detail", args=[assignment.pk])
    criteria = list(assignment.application.round.criteria.all())
    data = {f"score_{c.pk}": "4" for c in criteria} | {"recommendation": "yes"}
    response = client.post(url, data)
    assert response.status_code == 302
    assignment.application.refresh_from_db()
    assert str(assignment.application.average_score) == "4.000"


def test_a_missing_score_keeps_what_was_typed(client, reviewer, assignment):
    client.force_login(reviewer)
    url = reverse("grants:review_detail", args=[assignment.pk])
    first = assignment.application.round.criteria.first()
    response = client.post(url, {f"score_{first.pk}": "4", "comment": "Strong plan"})
    page = response.content.decode()
    assert response.status_code == 200 and "Strong plan" in page
    assert not ReviewAssignment.objects.filter(status="completed").exists()


def test_after_declaring_a_conflict_the_reviewer_gets_404(client, reviewer, assignment):
    client.force_login(reviewer)
    response = client.post(
        reverse("grants:review_conflict", args=[assignment.pk]), {"note": "I chair its board."}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == ReviewAssignment.Status.CONFLICT
    assert client.get(reverse("grants:review_detail", args=[assignment.pk])).status_code == 404
    application_url = reverse("grants:application_detail", args=[assignment.application_id])
    assert client.get(application_url).status_code == 404


def test_staff_see_the_declared_conflict(client, officer, reviewer, assignment):
    assignment.status, assignment.conflict_note = "conflict", "I chair its board."
    assignment.save()
    client.force_login(officer)
    page = client.get(
        reverse("grants:application_detail", args=[assignment.application_id])
    ).content.decode()
    assert "conflict of interest declared" in page and "I chair its board." in page


@pytest.mark.parametrize("token", ["%00", "abc%00def", "a" * 65, "not a token", "ü"])
def test_a_malformed_invitation_link_answers_404_not_an_error(client, reviewer, token):
    client.force_login(reviewer)
    response = client.get(f"/grants/reviews/invitations/{token}/")
    assert response.status_code == 404


def test_an_invitation_opened_under_another_address_says_whom_it_was_for(
    client, funding_round, center_user
):
    application = GrantApplicationFactory(
        round=funding_round, status=GrantApplication.Status.SUBMITTED
    )
    invitation = ReviewAssignmentFactory(
        application=application, invited_email="expert@university.example", status="invited"
    )
    url = reverse("grants:review_invitation", args=[invitation.invitation_token])
    colleague = center_user("reviewer", funding_round.center)
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert "This invitation was sent to expert@university.example" in page
    from tests.ngo_portal.factories import UserFactory

    client.force_login(UserFactory(email="Expert@University.example"))
    assert "This invitation was sent to" not in client.get(url).content.decode()
