"""Beat's rebuild keeps each center's dashboard in the cache: the page then runs no aggregate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ngo_portal.dashboard import dashboard_warm, warmed_scopes
from ngo_portal.models import CenterImpactPage, CenterMembership
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_warmed_dashboard_reads_its_figures_from_the_cache(client, settings):
    settings.DASHBOARD_CACHE_SECONDS = 300
    center = CenterFactory()
    CenterImpactPage.objects.create(center=center, is_published=True, figures=["organizations"])
    client.force_login(
        CenterMembershipFactory(center=center, role=CenterMembership.Role.OFFICER).user
    )
    OrganizationFactory.create_batch(2)

    assert len(warmed_scopes()) == 3  # the center's own, and its impact page's two years
    assert dashboard_warm() > 0
    OrganizationFactory()  # after the rebuild: shown at the next one

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboard/")
    apps = ("organizations_", "trainings_", "incubation_", "grants_")
    figures_read = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and any(f'FROM "{a}' in q["sql"] for a in apps)
    ]
    assert figures_read == []
    figures = {f.key: f.value for s in response.context["sections"] for f in s.figures}
    assert figures["organizations"] == 2
