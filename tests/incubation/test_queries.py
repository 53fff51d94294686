"""The cohort pages read a fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incubation.models import CohortApplication, MentorAssignment, Milestone
from tests.organizations.factories import OrganizationFactory

from .factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session reads what later ones find cached
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _grow_cohort(cohort, count, mentor, scored_assessment):
    for _ in range(count):
        enrollment = EnrollmentFactory(cohort=cohort)
        MentorAssignment.objects.create(enrollment=enrollment, mentor=mentor)
        Milestone.objects.create(enrollment=enrollment, title="Plan", due_on="2026-06-01")
        scored_assessment(enrollment, "baseline", lambda key, i: 1 + i % 3)
        scored_assessment(enrollment, "endline", lambda key, i: 2 + i % 3)
        CohortApplication.objects.create(
            cohort=cohort,
            organization=enrollment.organization,
            status="accepted",
            enrollment=enrollment,
        )
        CohortApplication.objects.create(
            cohort=cohort, organization=OrganizationFactory(), status="submitted"
        )


@pytest.mark.parametrize("name", ["cohort_detail", "application_list", "graduation"])
def test_cohort_pages_query_count_does_not_grow_with_rows(
    client, officer, mentor, center, scored_assessment, name
):
    cohort = CohortFactory(center=center, capacity=50)
    client.force_login(officer)
    url = reverse(f"incubation:{name}", args=[cohort.pk])
    _grow_cohort(cohort, 2, mentor, scored_assessment)
    few = _queries(client, url)
    _grow_cohort(cohort, 6, mentor, scored_assessment)
    many = _queries(client, url)
    assert few == many


def test_cohort_list_query_count_does_not_grow_with_rows(client, officer, center):
    client.force_login(officer)
    url = reverse("incubation:cohort_list")
    CohortFactory.create_batch(2, center=center)
    few = _queries(client, url)
    CohortFactory.create_batch(30, center=center)
    many = _queries(client, url)
    assert few == many
