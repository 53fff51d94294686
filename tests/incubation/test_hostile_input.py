"""Wrong and hostile input on the application pages: ids that are not numbers, NUL characters,
digits Python reads but a score cannot be, numbers too long to convert, the call's window."""

import datetime

import pytest
from django.urls import reverse

from incubation import services
from incubation.models import ApplicationScore, CohortApplication

from .factories import CohortQuestionFactory, RubricCriterionFactory

pytestmark = pytest.mark.django_db
Status = CohortApplication.Status


@pytest.fixture
def question(cohort):
    return CohortQuestionFactory(cohort=cohort, text="What need do you answer?")


@pytest.fixture
def submitted(cohort, organization, owner, question):
    application = services.application_start(cohort=cohort, organization=organization, by=owner)
    services.application_submit(
        application=application, answers={str(question.pk): "Elderly care"}, by=owner
    )
    return application


@pytest.mark.parametrize("posted", ["abc", "", "\x00", "²", "-1"])
def test_applying_for_an_organization_id_that_is_no_number_answers_404(
    client, cohort, owner, posted
):
    client.force_login(owner)
    response = client.post(
        reverse("incubation:cohort_apply", args=[cohort.pk]), {"organization": posted}
    )
    assert response.status_code == 404
    assert not CohortApplication.objects.exists()


def test_autosave_drops_nul_characters_and_keeps_the_rest(
    client, cohort, organization, owner, question
):
    application = services.application_start(cohort=cohort, organization=organization, by=owner)
    client.force_login(owner)
    response = client.post(
        reverse("incubation:application_autosave", args=[application.pk]),
        {str(question.pk): "Elderly\x00 care"},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.answers[str(question.pk)] == "Elderly care"


@pytest.mark.parametrize(
    "score, comment",
    [("²", ""), ("9" * 5000, ""), ("3.5", ""), ("6", ""), ("-1", ""), ("3", "bad\x00comment")],
)
def test_a_score_that_is_no_score_is_refused_at_its_row_and_kept(
    client, submitted, reviewer, score, comment
):
    criterion = RubricCriterionFactory(cohort=submitted.cohort, max_score=5)
    client.force_login(reviewer)
    response = client.post(
        reverse("incubation:application_score", args=[submitted.pk]),
        {f"score_{criterion.pk}": score, f"comment_{criterion.pk}": comment},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    if len(score) < 10:
        assert f'value="{score}"' in page
    assert not ApplicationScore.objects.exists()


def test_full_width_digits_and_unknown_fields_in_a_score_post(client, submitted, reviewer):
    criterion = RubricCriterionFactory(cohort=submitted.cohort, max_score=5)
    client.force_login(reviewer)
    response = client.post(
        reverse("incubation:application_score", args=[submitted.pk]),
        {
            f"score_{criterion.pk}": "３",
            f"comment_{criterion.pk}": "清晰",
            "score_abc": "1",
            "score_\x00": "1",
            "score_99999999999999999999": "1",
        },
    )
    assert response.status_code == 302
    row = ApplicationScore.objects.get()
    assert (row.criterion_id, row.score, row.comment) == (criterion.pk, 3, "清晰")


def test_a_decision_note_with_a_nul_character_is_refused_at_the_note(client, submitted, officer):
    client.force_login(officer)
    response = client.post(
        reverse("incubation:application_decide", args=[submitted.pk]),
        {"decision": Status.ACCEPTED, "note": "Welcome\x00"},
    )
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and submitted.enrollment is None


@pytest.mark.parametrize(
    "opens, closes", [(-30, -1), (2, 30)], ids=["closed yesterday", "opens in two days"]
)
def test_an_open_call_takes_applications_only_within_its_window(
    client, cohort, organization, owner, question, opens, closes
):
    application = services.application_start(cohort=cohort, organization=organization, by=owner)
    today = datetime.date.today()
    cohort.call_opens = today + datetime.timedelta(days=opens)
    cohort.call_closes = today + datetime.timedelta(days=closes)
    cohort.save()
    client.force_login(owner)
    page = client.get(reverse("incubation:cohort_detail", args=[cohort.pk])).content.decode()
    assert reverse("incubation:cohort_apply", args=[cohort.pk]) not in page
    assert "This call takes applications from" in page
    response = client.post(
        reverse("incubation:cohort_apply", args=[cohort.pk]), {"organization": organization.pk}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("incubation:application_detail", args=[application.pk]),
        {str(question.pk): "Too late", "submit": "1"},
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.answers == {}
    page = client.get(reverse("incubation:application_detail", args=[application.pk]))
    assert "This draft can be submitted only while the call is open" in page.content.decode()


def test_the_profile_snapshot_shows_choices_by_their_label_in_the_readers_language(
    client, submitted, officer
):
    submitted.profile_snapshot = {
        **submitted.profile_snapshot,
        "growth_stage": "growing",
        "legal_form": "social_service_org",
    }
    submitted.save()
    client.force_login(officer)
    page = client.get(
        "/zh-hans" + reverse("incubation:application_detail", args=[submitted.pk])
    ).content.decode()
    assert "<dd>growing</dd>" not in page
    assert "成长期" in page


def test_the_capacity_cannot_be_edited_below_the_enrollments(client, cohort, officer):
    from tests.organizations.factories import OrganizationFactory

    from .factories import EnrollmentFactory

    for _n in range(2):
        EnrollmentFactory(cohort=cohort, organization=OrganizationFactory())
    client.force_login(officer)
    data = {
        "center": cohort.center_id,
        "title": cohort.title,
        "call_opens": cohort.call_opens.isoformat(),
        "call_closes": cohort.call_closes.isoformat(),
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "capacity": "1",
        "status": cohort.status,
        "graduation_milestones_percent": "80",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "rubric-TOTAL_FORMS": "0",
        "rubric-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("incubation:cohort_edit", args=[cohort.pk]), data)
    assert response.status_code == 200
    assert "2 organizations are enrolled: the capacity cannot be lower." in (
        response.content.decode()
    )
    cohort.refresh_from_db()
    assert cohort.capacity == 2
    response = client.post(
        reverse("incubation:cohort_edit", args=[cohort.pk]), {**data, "capacity": "2"}
    )
    assert response.status_code == 302


def test_the_selection_criteria_follow_the_readers_language(client, cohort):
    cohort.criteria = "Registered in Jiangsu."
    cohort.criteria_zh = "在江苏登记注册。"
    cohort.save()
    url = reverse("incubation:cohort_detail", args=[cohort.pk])
    assert "Registered in Jiangsu." in client.get(url).content.decode()
    page = client.get("/zh-hans" + url).content.decode()
    assert "在江苏登记注册。" in page and "Registered in Jiangsu." not in page
    cohort.criteria = ""
    cohort.save()
    assert "在江苏登记注册。" in client.get(url).content.decode()  # the only text there is


def test_a_call_takes_at_most_thirty_questions(client, center, officer):
    from incubation.models import Cohort

    client.force_login(officer)
    data = {
        "center": center.pk,
        "title": "Many questions",
        "call_opens": "2026-12-01",
        "call_closes": "2026-12-31",
        "starts_on": "2027-01-10",
        "ends_on": "2027-12-20",
        "capacity": "12",
        "status": "open",
        "graduation_milestones_percent": "80",
        "questions-TOTAL_FORMS": "31",
        "questions-INITIAL_FORMS": "0",
        "rubric-TOTAL_FORMS": "0",
        "rubric-INITIAL_FORMS": "0",
    }
    data.update({f"questions-{n}-text": f"Question {n}?" for n in range(31)})
    response = client.post(reverse("incubation:cohort_create"), data)
    assert response.status_code == 200
    assert "Please submit at most 30 forms." in response.content.decode()
    assert not Cohort.objects.filter(title="Many questions").exists()
