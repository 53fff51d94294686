"""The permission matrix over every incubation URL: anonymous → login, outsiders → 404 (objects
they must not know of), a missing role → 403, the right role → 200. A mentor sees only the
enrollments assigned to them."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse

from incubation import services
from incubation.models import CapacityAssessment, CohortApplication, MentorAssignment, Milestone
from incubation.urls import urlpatterns
from ngo_portal.jobs.services import report_run
from ngo_portal.models import CenterMembership, Report
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

from .factories import EnrollmentFactory

pytestmark = pytest.mark.django_db
Role = CenterMembership.Role
ROLES = [
    "anonymous",
    "stranger",
    "owner",
    "other_owner",
    "mentor",
    "other_mentor",
    "reviewer",
    "officer",
    "other_officer",
]


@pytest.fixture
def world(
    center,
    cohort,
    enrollment,
    owner,
    officer,
    reviewer,
    mentor,
    scored_assessment,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    other_org = OrganizationFactory()
    other_enrollment = EnrollmentFactory(cohort=cohort, organization=other_org)
    other_owner = OrganizationMembershipFactory(organization=other_org, role="owner").user
    other_mentor = CenterMembershipFactory(center=center, role=Role.MENTOR).user
    MentorAssignment.objects.create(enrollment=enrollment, mentor=mentor)
    MentorAssignment.objects.create(enrollment=other_enrollment, mentor=other_mentor)
    application = CohortApplication.objects.create(
        cohort=cohort, organization=enrollment.organization, status="submitted"
    )
    draft = CohortApplication.objects.create(cohort=cohort, organization=other_org)
    milestone = Milestone.objects.create(
        enrollment=enrollment, title="Plan", due_on=datetime.date(2026, 6, 1)
    )
    milestone.evidence.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    milestone.evidence_name = "plan.pdf"
    milestone.save()
    assessment = scored_assessment(enrollment, "baseline", lambda key, i: 2)
    report = services.assessment_report_request(assessment=assessment, by=officer, language="en")
    report_run(report_id=report.pk)
    item = assessment.action_items.create(
        area=assessment.framework.areas.first(), text="Write the charter"
    )
    people = {
        "anonymous": None,
        "stranger": UserFactory(),
        "owner": owner,
        "other_owner": other_owner,
        "mentor": mentor,
        "other_mentor": other_mentor,
        "reviewer": reviewer,
        "officer": officer,
        "other_officer": CenterMembershipFactory(role=Role.OFFICER).user,
    }
    certificate = Report(
        kind="incubation.certificate",
        content_type=ContentType.objects.get_for_model(enrollment),
        object_id=enrollment.pk,
        status=Report.Status.DONE,
        language="en",
        file_name="certificate.pdf",
    )
    certificate.file.save("certificate.pdf", ContentFile(b"%PDF-1.4 certificate"))
    return {
        "people": people,
        "cohort": cohort,
        "graduated": enrollment,
        "enrollment": enrollment,
        "application": application,
        "draft": draft,
        "milestone": milestone,
        "assessment": assessment,
        "item": item,
        "indicator": assessment.framework.areas.first().indicators.first(),
        "organization": enrollment.organization,
    }


def _codes(**overrides):
    """Expected status per role: `default` for every logged-in role not named."""
    default = overrides.pop("default")
    codes = dict.fromkeys(ROLES, default)
    codes["anonymous"] = 302
    codes.update(overrides)
    return codes


ENROLLMENT_VIEWERS = _codes(default=404, owner=200, mentor=200, officer=200)
STAFF_ONLY = _codes(default=403, officer=200)
ANY_STAFF = _codes(default=403, officer=200, other_officer=200)

# (url name, object key or None, expected per role)
GET_PAGES = [
    ("cohort_list", None, {**_codes(default=200), "anonymous": 200}),
    ("cohort_create", None, ANY_STAFF),
    ("cohort_detail", "cohort", {**_codes(default=200), "anonymous": 200}),
    ("cohort_edit", "cohort", STAFF_ONLY),
    ("cohort_apply", "cohort", _codes(default=403, owner=200, other_owner=200)),
    ("application_list", "cohort", _codes(default=403, reviewer=200, officer=200)),
    ("graduation", "cohort", STAFF_ONLY),
    (
        "application_detail",
        "application",
        _codes(default=404, owner=200, reviewer=200, officer=200),
    ),
    ("enrollment_detail", "enrollment", ENROLLMENT_VIEWERS),
    ("milestone_evidence", "milestone", ENROLLMENT_VIEWERS),
    ("assessment_detail", "assessment", ENROLLMENT_VIEWERS),
    (
        "assessment_report_status",
        "assessment",
        {**ENROLLMENT_VIEWERS, "owner": 286, "mentor": 286, "officer": 286},
    ),
    ("assessment_report_pdf", "assessment", ENROLLMENT_VIEWERS),
    ("enrollment_certificate", "graduated", ENROLLMENT_VIEWERS),
    (
        "organization_capacity",
        "organization",
        _codes(default=404, owner=200, mentor=200, officer=200, other_officer=200),
    ),
    ("framework_detail", None, ANY_STAFF),
    ("indicator_edit", "indicator", ANY_STAFF),
]

# POST-only actions: (url name, object key, extra args, status for a stranger)
POST_ACTIONS = [
    ("cohort_reports", "cohort", (), 403),
    ("application_autosave", "draft", (), 404),
    ("application_score", "application", (), 404),
    ("application_decide", "application", (), 404),
    ("mentor_add", "enrollment", (), 404),
    ("mentor_remove", "enrollment", ("mentor",), 404),
    ("session_add", "enrollment", (), 404),
    ("milestone_add", "enrollment", (), 404),
    ("milestone_update", "milestone", (), 404),
    ("assessment_create", "enrollment", (), 404),
    ("enrollment_graduate", "enrollment", (), 404),
    ("enrollment_extend", "enrollment", (), 404),
    ("enrollment_withdraw", "enrollment", (), 404),
    ("assessment_reopen", "assessment", (), 404),
    ("assessment_finalize", "assessment", (), 404),
    ("assessment_report", "assessment", (), 404),
    ("action_item_add", "assessment", (), 404),
    ("action_item_delete", "item", (), 404),
]


def _url(world, name, key, extra=()):
    args = [world[key].pk] if key else []
    args += [world["people"][person].pk for person in extra]
    return reverse(f"incubation:{name}", args=args)


def test_every_url_is_in_the_matrix():
    covered = {name for name, *_ in GET_PAGES} | {name for name, *_ in POST_ACTIONS}
    assert {pattern.name for pattern in urlpatterns} == covered


@pytest.mark.parametrize(("name", "key", "expected"), GET_PAGES, ids=[row[0] for row in GET_PAGES])
def test_get_matrix(client, world, name, key, expected):
    url = _url(world, name, key)
    seen = {}
    for role in ROLES:
        client.logout()
        if world["people"][role] is not None:
            client.force_login(world["people"][role])
        response = client.get(url)
        seen[role] = response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], (role, response["Location"])
    assert seen == expected


@pytest.mark.parametrize(
    ("name", "key", "extra", "stranger"), POST_ACTIONS, ids=[row[0] for row in POST_ACTIONS]
)
def test_post_actions_refuse_anonymous_and_outsiders(client, world, name, key, extra, stranger):
    url = _url(world, name, key, extra)
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(world["people"]["stranger"])
    assert client.post(url).status_code == stranger
    client.force_login(world["people"]["other_officer"])
    assert client.post(url).status_code in (403, 404)


def test_a_mentor_sees_only_their_enrollments(client, world):
    other = EnrollmentFactory(cohort=world["cohort"])
    client.force_login(world["people"]["mentor"])
    assert (
        client.get(
            reverse("incubation:enrollment_detail", args=[world["enrollment"].pk])
        ).status_code
        == 200
    )
    assert client.get(reverse("incubation:enrollment_detail", args=[other.pk])).status_code == 404
    page = client.get(
        reverse("incubation:cohort_detail", args=[world["cohort"].pk])
    ).content.decode()
    assert world["enrollment"].organization.display_name in page
    assert other.organization.display_name not in page


def test_a_draft_cohort_is_hidden_from_all_but_its_staff(client, world):
    cohort = world["cohort"]
    cohort.status = "draft"
    cohort.save()
    url = reverse("incubation:cohort_detail", args=[cohort.pk])
    assert client.get(url).status_code == 302
    client.force_login(world["people"]["owner"])
    assert client.get(url).status_code == 404
    client.force_login(world["people"]["officer"])
    assert client.get(url).status_code == 200


def test_members_see_a_center_assessment_only_once_submitted(client, world, officer):
    draft = services.assessment_start(
        enrollment=world["enrollment"], kind=CapacityAssessment.Kind.MIDLINE, by=officer
    )
    client.force_login(world["people"]["owner"])
    assert client.get(reverse("incubation:assessment_detail", args=[draft.pk])).status_code == 404


def test_members_find_their_enrollment_on_the_cohort_page(client, world):
    client.force_login(world["people"]["owner"])
    page = client.get(
        reverse("incubation:cohort_detail", args=[world["cohort"].pk])
    ).content.decode()
    assert "Your organizations in this cohort" in page
    assert reverse("incubation:enrollment_detail", args=[world["enrollment"].pk]) in page
    client.force_login(world["people"]["stranger"])
    page = client.get(
        reverse("incubation:cohort_detail", args=[world["cohort"].pk])
    ).content.decode()
    assert "Your organizations in this cohort" not in page


def test_an_open_call_tells_visitors_how_to_apply(client, world):
    url = reverse("incubation:cohort_detail", args=[world["cohort"].pk])
    assert "Sign in to apply" in client.get(url).content.decode()
    client.force_login(world["people"]["stranger"])
    page = client.get(url).content.decode()
    assert "register your organization" in page and "Sign in to apply" not in page
    client.force_login(world["people"]["other_owner"])
    assert (
        reverse("incubation:cohort_apply", args=[world["cohort"].pk])
        in client.get(url).content.decode()
    )


def test_only_who_may_plan_may_add_or_remove_action_items(client, world):
    """A mentor or the owner sees a finalized assessment but cannot change its plan: 403 before
    the form is read, for a complete post as for an empty one."""
    assessment, item = world["assessment"], world["item"]
    area = assessment.framework.areas.first()
    for role in ("mentor", "owner"):
        client.force_login(world["people"][role])
        add = reverse("incubation:action_item_add", args=[assessment.pk])
        assert client.post(add).status_code == 403
        assert client.post(add, {"area": area.pk, "text": "Plan"}).status_code == 403
        delete = reverse("incubation:action_item_delete", args=[item.pk])
        assert client.post(delete).status_code == 403
    assert assessment.action_items.filter(pk=item.pk).exists()


def test_another_centers_staff_do_not_read_this_centers_assessments_over_time(client, world):
    """The capacity history lists the assessments the reader may open: all for the
    organization's members and this center's staff, none of this center's for another's."""
    url = reverse("incubation:organization_capacity", args=[world["organization"].pk])
    link = reverse("incubation:assessment_detail", args=[world["assessment"].pk])
    for role, sees in (
        ("owner", True),
        ("officer", True),
        ("mentor", True),
        ("other_officer", False),
    ):
        client.force_login(world["people"][role])
        page = client.get(url).content.decode()
        assert (link in page) is sees, role
        if not sees:
            assert "No finalized assessment yet." in page


def test_pages_link_only_to_what_the_reader_may_open(client, world):
    """A reviewer scores an accepted application but never opens its enrollment; a mentor
    reads the capacity of an organization whose profile is not public without a link to it."""
    application, enrollment = world["application"], world["enrollment"]
    application.enrollment = enrollment
    application.status = "accepted"
    application.save(update_fields=["enrollment", "status"])
    enrollment_link = reverse("incubation:enrollment_detail", args=[enrollment.pk])
    page = reverse("incubation:application_detail", args=[application.pk])
    for role, sees in (("reviewer", False), ("officer", True)):
        client.force_login(world["people"][role])
        response = client.get(page)
        assert response.status_code == 200, role
        assert (enrollment_link in response.content.decode()) is sees, role

    organization = world["organization"]
    organization.is_public = False
    organization.save(update_fields=["is_public"])
    profile_link = reverse("organizations:organization_detail", args=[organization.pk])
    capacity = reverse("incubation:organization_capacity", args=[organization.pk])
    for role, sees in (("mentor", False), ("owner", True)):
        client.force_login(world["people"][role])
        response = client.get(capacity)
        assert response.status_code == 200, role
        assert (f'href="{profile_link}"' in response.content.decode()) is sees, role
