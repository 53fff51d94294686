"""The permission matrix over every training URL: anonymous → login, a stranger to the object →
404, a missing role → 403, the right role → 200 (or the redirect after a POST)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ngo_portal.models import CenterMembership
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory
from trainings import permissions
from trainings.models import Certificate, FollowUp, TrainingProgram, TrainingSession

from .factories import RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "other_member", "reviewer", "mentor", "officer_other", "officer", "manager"]
LOGIN, OK = "login", "ok"


@pytest.fixture
def world(center, session):
    program = TrainingProgram.objects.create(center=center, title="Program", planned_sessions=9)
    TrainingSession.objects.filter(pk=session.pk).update(program=program, number=1)
    other_session = TrainingSessionFactory(center=center)
    registration = RegistrationFactory(session=session)
    Certificate.objects.create(registration=registration).file.save("c.pdf", ContentFile(b"%PDF"))
    FollowUp.objects.create(session=session, due_on=session.ends_on + datetime.timedelta(days=180))
    role = CenterMembership.Role
    people = {
        "other_member": OrganizationMembershipFactory(organization=OrganizationFactory()).user,
        "reviewer": CenterMembershipFactory(center=center, role=role.REVIEWER).user,
        "mentor": CenterMembershipFactory(center=center, role=role.MENTOR).user,
        "officer_other": CenterMembershipFactory(center=CenterFactory(), role=role.OFFICER).user,
        "officer": CenterMembershipFactory(center=center, role=role.OFFICER).user,
        "manager": CenterMembershipFactory(center=center, role=role.MANAGER).user,
    }
    return {
        "session": session,
        "program": program,
        "registration": registration,
        "other_session": other_session,
        "people": people,
    }


STAFF = {
    "anonymous": LOGIN,
    "other_member": 403,
    "reviewer": 403,
    "mentor": 403,
    "officer_other": 403,
    "officer": OK,
    "manager": OK,
}
PUBLIC = dict.fromkeys(PEOPLE, OK)
SIGNED_IN = {**dict.fromkeys(PEOPLE, OK), "anonymous": LOGIN}
MEMBERS = {**dict.fromkeys(PEOPLE, 403), "anonymous": LOGIN, "other_member": OK}
# Someone else's registration: strangers cannot tell it exists.
REGISTRATION = {**dict.fromkeys(PEOPLE, 404), "anonymous": LOGIN, "officer": OK, "manager": OK}
CREATE = {**STAFF, "officer_other": OK}


def urls(world):
    s, r, p = world["session"].pk, world["registration"], world["program"].pk
    token = r.token
    certificate = r.certificate.token
    return [
        ("get", reverse("trainings:session_list"), PUBLIC),
        ("get", reverse("trainings:calendar_feed"), PUBLIC),
        ("get", reverse("trainings:session_detail", args=[s]), PUBLIC),
        ("get", reverse("trainings:certificate_verify", args=[certificate]), PUBLIC),
        ("get", reverse("trainings:evaluation_form", args=[token]), PUBLIC),
        ("get", reverse("trainings:follow_up_form", args=[token]), PUBLIC),
        ("get", reverse("trainings:my_registrations"), SIGNED_IN),
        ("get", reverse("trainings:session_register", args=[s]), MEMBERS),
        ("get", reverse("trainings:cascade_create", args=[s]), MEMBERS),
        ("get", reverse("trainings:certificate_download", args=[r.pk]), REGISTRATION),
        ("post", reverse("trainings:registration_cancel", args=[r.pk]), REGISTRATION),
        ("get", reverse("trainings:session_create"), CREATE),
        ("get", reverse("trainings:program_list"), CREATE),
        ("get", reverse("trainings:program_create"), CREATE),
        ("get", reverse("trainings:program_statistics", args=[p]), STAFF),
        ("get", reverse("trainings:program_edit", args=[p]), STAFF),
        ("get", reverse("trainings:session_edit", args=[s]), STAFF),
        ("get", reverse("trainings:session_statistics", args=[s]), STAFF),
        ("get", reverse("trainings:roster", args=[s]), STAFF),
        ("get", reverse("trainings:check_in", args=[s]), STAFF),
        ("get", reverse("trainings:check_in_code", args=[s, token]), STAFF),
        ("get", reverse("trainings:follow_up_status", args=[s]), STAFF),
        ("get", reverse("trainings:action_plans", args=[s]), STAFF),
        ("post", reverse("trainings:check_in_toggle", args=[s, r.pk]), STAFF),
        ("post", reverse("trainings:registration_approve", args=[s]), STAFF),
        ("post", reverse("trainings:registration_move", args=[s]), STAFF),
        ("post", reverse("trainings:registration_cancel_by_staff", args=[s]), STAFF),
        ("post", reverse("trainings:sign_in_sheet", args=[s]), STAFF),
        ("post", reverse("trainings:roster_export", args=[s]), STAFF),
        ("post", reverse("trainings:certificates_issue", args=[s]), STAFF),
        ("post", reverse("trainings:follow_up_chase", args=[s]), STAFF),
        ("post", reverse("trainings:session_complete", args=[s]), STAFF),
    ]


def outcome(response) -> str | int:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return response.status_code


@pytest.mark.parametrize("person", PEOPLE)
def test_permission_matrix(client, world, person):
    if person != "anonymous":
        client.force_login(world["people"][person])
    found, expected = {}, {}
    for method, url, rule in urls(world):
        data = {"day": "", "registration": world["registration"].pk}
        response = getattr(client, method)(url, data if method == "post" else {})
        found[f"{method} {url}"] = outcome(response)
        expected[f"{method} {url}"] = rule[person]

    assert found == expected


def test_a_draft_is_hidden_from_everyone_but_its_staff(client, world):
    session = TrainingSessionFactory(center=world["session"].center, status="draft")
    url = reverse("trainings:session_detail", args=[session.pk])

    assert outcome(client.get(url)) == LOGIN
    client.force_login(world["people"]["officer_other"])
    assert client.get(url).status_code == 404
    client.force_login(world["people"]["officer"])
    assert client.get(url).status_code == 200


# --- the predicates themselves -------------------------------------------------------------


PREDICATES = {
    # predicate: who among the people (and the registration's own member) it allows
    "can_manage_session": {"officer", "manager"},
    "can_register_for_session": {"other_member", "own_member"},
    "can_record_action_plan": {"officer", "manager", "own_member"},
    "can_record_cascades": {"other_member", "own_member"},
    "can_view_cascade_reach": {"anonymous", *PEOPLE, "own_member"},
}


@pytest.fixture
def everyone(world):
    from django.contrib.auth.models import AnonymousUser

    own = OrganizationMembershipFactory(organization=world["registration"].organization).user
    return {"anonymous": AnonymousUser(), **world["people"], "own_member": own}


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_session_predicates(world, everyone, name):
    predicate = getattr(permissions, name)

    allowed = {who for who, user in everyone.items() if predicate(user, world["session"])}

    assert allowed == PREDICATES[name]


@pytest.mark.parametrize("name", ["can_view_registration", "can_cancel_registration"])
def test_registration_predicates(world, everyone, name):
    predicate = getattr(permissions, name)

    allowed = {who for who, user in everyone.items() if predicate(user, world["registration"])}

    assert allowed == {"officer", "manager", "own_member"}


def test_create_training_needs_a_staff_role_in_some_center(everyone):
    allowed = {who for who, user in everyone.items() if permissions.can_create_training(user)}

    assert allowed == {"officer_other", "officer", "manager"}


def test_superusers_manage_every_session(world):
    from tests.ngo_portal.factories import UserFactory

    assert permissions.can_manage_session(UserFactory(is_superuser=True), world["session"])
