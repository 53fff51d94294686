"""From application to decision: a draft kept as the applicant types, submit with its profile
snapshot, rubric scores, and accept / waitlist / reject with their e-mails through the outbox."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from incubation import services
from incubation.models import CohortApplication, Enrollment
from ngo_portal.models import Notification
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

from .factories import CohortQuestionFactory, RubricCriterionFactory

pytestmark = pytest.mark.django_db
Status = CohortApplication.Status


@pytest.fixture
def questions(cohort):
    return [
        CohortQuestionFactory(cohort=cohort, text="What need do you answer?", required=True),
        CohortQuestionFactory(cohort=cohort, text="Anything else?", required=False),
    ]


def test_draft_autosave_submit_and_accept_with_emails(
    client, cohort, organization, owner, officer, questions, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    response = client.post(
        reverse("incubation:cohort_apply", args=[cohort.pk]), {"organization": organization.pk}
    )
    application = CohortApplication.objects.get(cohort=cohort, organization=organization)
    assert response.status_code == 302 and application.status == Status.DRAFT

    # As they type: the htmx autosave keeps the answer.
    response = client.post(
        reverse("incubation:application_autosave", args=[application.pk]),
        {str(questions[0].pk): "Elderly people living alone in Gulou"},
    )
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode()
    application.refresh_from_db()
    assert application.answers[str(questions[0].pk)] == "Elderly people living alone in Gulou"

    # Submitting without the required answer: the error at the field, the draft kept.
    response = client.post(
        reverse("incubation:application_detail", args=[application.pk]),
        {str(questions[0].pk): "", str(questions[1].pk): "kept text", "submit": "1"},
    )
    assert response.status_code == 200
    assert "Please answer this question." in response.content.decode()
    assert "kept text" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("incubation:application_detail", args=[application.pk]),
            {str(questions[0].pk): "Elderly people living alone", "submit": "1"},
        )
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.profile_snapshot["name_zh"] == organization.name_zh
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Application received" in mail.outbox[0].subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application, decision=Status.ACCEPTED, by=officer, note="Welcome"
        )
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.enrollment.organization == organization
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Accepted into" in mail.outbox[0].subject
    assert "Welcome" in mail.outbox[0].body


def test_waitlist_then_accept_sends_both_emails_once_each(cohort, organization, owner, officer):
    application = services.application_start(cohort=cohort, organization=organization, by=owner)
    services.application_submit(application=application, answers={}, by=owner)
    services.application_decide(application=application, decision=Status.WAITLISTED, by=officer)
    services.application_decide(application=application, decision=Status.ACCEPTED, by=officer)
    kinds = sorted(Notification.objects.filter(email=owner.email).values_list("kind", flat=True))
    assert kinds == [
        "incubation_application_accepted",
        "incubation_application_submitted",
        "incubation_application_waitlisted",
    ]
    with pytest.raises(ValidationError):
        services.application_decide(application=application, decision=Status.REJECTED, by=officer)


def test_reject_in_the_applicants_language(
    cohort, organization, officer, django_capture_on_commit_callbacks
):
    chinese_owner = OrganizationMembershipFactory(
        organization=organization, role="owner", user=UserFactory(preferred_language="zh-hans")
    ).user
    application = services.application_start(
        cohort=cohort, organization=organization, by=chinese_owner
    )
    services.application_submit(application=application, answers={}, by=chinese_owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=application, decision=Status.REJECTED, by=officer)
    decision = mail.outbox[-1]
    assert decision.to == [chinese_owner.email]
    assert cohort.title_zh in decision.subject
    assert cohort.title_zh in decision.body
    assert not Enrollment.objects.exists()


def test_rubric_scores_are_checked_and_kept_per_scorer(
    cohort, organization, owner, officer, reviewer
):
    criterion = RubricCriterionFactory(cohort=cohort, max_score=5)
    application = services.application_start(cohort=cohort, organization=organization, by=owner)
    services.application_submit(application=application, answers={}, by=owner)
    with pytest.raises(ValidationError):
        services.application_score(application=application, scores={criterion.pk: 9}, by=reviewer)
    services.application_score(application=application, scores={criterion.pk: 4}, by=reviewer)
    services.application_score(application=application, scores={criterion.pk: 2}, by=officer)
    assert sorted(application.scores.values_list("score", flat=True)) == [2, 4]
    with pytest.raises(PermissionDenied):
        services.application_decide(application=application, decision=Status.ACCEPTED, by=reviewer)


def test_someone_elses_organization_cannot_apply(cohort, organization, owner):
    stranger_org = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        services.application_start(cohort=cohort, organization=stranger_org, by=owner)


def test_staff_open_a_call_with_questions_and_rubric(client, center, officer):
    client.force_login(officer)
    data = {
        "center": center.pk,
        "title": "Amity 2027",
        "title_zh": "爱德2027",
        "call_opens": "2026-12-01",
        "call_closes": "2026-12-31",
        "starts_on": "2027-01-10",
        "ends_on": "2027-12-20",
        "capacity": "12",
        "status": "open",
        "graduation_milestones_percent": "80",
        "graduation_requires_registration": "on",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Why now?",
        "questions-0-required": "on",
        "questions-1-text": "",
        "rubric-TOTAL_FORMS": "2",
        "rubric-INITIAL_FORMS": "0",
        "rubric-0-name": "Need",
        "rubric-0-max_score": "5",
        "rubric-0-weight": "2",
        "rubric-1-name": "",
        "rubric-1-max_score": "5",
        "rubric-1-weight": "1",
    }
    response = client.post(reverse("incubation:cohort_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from incubation.models import Cohort

    cohort = Cohort.objects.get(title="Amity 2027")
    assert [q.text for q in cohort.questions.all()] == ["Why now?"]
    assert [(c.name, c.max_score, str(c.weight)) for c in cohort.rubric.all()] == [
        ("Need", 5, "2.00")
    ]

    bad = {**data, "title": "Backwards", "call_closes": "2026-11-01"}
    response = client.post(reverse("incubation:cohort_create"), bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Backwards" in page  # what was typed is kept
    assert "Applications must close on or after the day they open." in page
    assert "is violated" not in page
    assert not Cohort.objects.filter(title="Backwards").exists()


def test_withdrawing_an_enrollment_frees_its_seat_for_the_waitlist(
    client, center, officer, owner, organization
):
    from .factories import CohortFactory, EnrollmentFactory

    cohort = CohortFactory(center=center, capacity=1)
    enrollment = EnrollmentFactory(cohort=cohort, organization=organization)
    other = OrganizationFactory()
    OrganizationMembershipFactory(organization=other, role="owner")
    application = CohortApplication.objects.create(
        cohort=cohort, organization=other, status=Status.WAITLISTED
    )
    with pytest.raises(ValidationError):
        services.application_decide(application=application, decision=Status.ACCEPTED, by=officer)

    client.force_login(owner)  # a member sees the enrollment but cannot withdraw it
    url = reverse("incubation:enrollment_withdraw", args=[enrollment.pk])
    assert client.post(url, {"confirm": "on"}).status_code == 403
    client.force_login(officer)
    page = client.get(reverse("incubation:enrollment_detail", args=[enrollment.pk]))
    assert url in page.content.decode()
    client.post(url)  # not confirmed: nothing happens
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert client.post(url, {"confirm": "on"}).status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.enrollment_withdraw(enrollment=enrollment, by=officer)

    services.application_decide(application=application, decision=Status.ACCEPTED, by=officer)
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED and application.enrollment is not None
