"""Query counts of the calendar, the roster and the statistics do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trainings.models import TrainingProgram

from .factories import AttendanceFactory, RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    client.get(url)  # warm the process's copies (provinces, topics)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(center, session, program, n):
    for _ in range(n):
        TrainingSessionFactory(center=center, program=program)
        registration = RegistrationFactory(session=session)
        AttendanceFactory(registration=registration)


def test_calendar_roster_and_statistics_query_counts_do_not_grow(client, center, session, officer):
    program = TrainingProgram.objects.create(center=center, title="P", planned_sessions=99)
    session.program = program
    session.save(update_fields=["program"])
    client.force_login(officer)
    urls = [
        reverse("trainings:session_list"),
        reverse("trainings:roster", args=[session.pk]),
        reverse("trainings:session_statistics", args=[session.pk]),
        reverse("trainings:program_statistics", args=[program.pk]),
        reverse("trainings:session_detail", args=[session.pk]),
        reverse("trainings:check_in", args=[session.pk]),
    ]
    grow(center, session, program, 2)
    small = [count(client, url) for url in urls]
    grow(center, session, program, 12)
    large = [count(client, url) for url in urls]

    assert small == large


def test_member_and_follow_up_lists_query_counts_do_not_grow(
    client, session, member, organization, officer
):
    from trainings import services

    services.session_complete(session=session)

    def grow(n):
        for _ in range(n):
            RegistrationFactory(session=session, organization=organization)
            RegistrationFactory(session=session)

    member_urls = [
        reverse("trainings:my_registrations"),
        reverse("trainings:action_plans", args=[session.pk]),
    ]
    staff_urls = [reverse("trainings:follow_up_status", args=[session.pk])]
    grow(2)
    client.force_login(member)
    small = [count(client, url) for url in member_urls]
    client.force_login(officer)
    small += [count(client, url) for url in staff_urls]
    grow(10)
    client.force_login(member)
    large = [count(client, url) for url in member_urls]
    client.force_login(officer)
    large += [count(client, url) for url in staff_urls]

    assert small == large
