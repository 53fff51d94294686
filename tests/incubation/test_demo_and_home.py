"""The demo cohort (seed_demo) with real change between baseline and endline, and the home page's
open calls."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from incubation import jobs, selectors
from incubation.demo_data import COHORT_TITLE
from incubation.models import CapacityAssessment, Cohort, Enrollment
from ngo_portal.models import Region
from organizations import demo_data as organization_demo

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_counties():
    codes = {row[0] for row in organization_demo.COMMUNITIES} | {
        row[3] for row in organization_demo.ORGANIZATIONS
    }
    Region.objects.bulk_create(
        Region(code=code, level=Region.Level.COUNTY, name_zh=f"县{code}", name_en=f"County {code}")
        for code in sorted(codes)
    )


def test_seed_demo_makes_an_amity_cohort_with_varied_real_change(demo_counties, tmp_path):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    cohort = Cohort.objects.get(title=COHORT_TITLE)
    assert cohort.center.slug == "amity-ndc" and "南京" in cohort.title_zh
    assert Cohort.objects.filter(title=COHORT_TITLE).count() == 1
    enrollments = Enrollment.objects.filter(cohort=cohort)
    assert enrollments.count() >= 6
    finalized = CapacityAssessment.objects.filter(enrollment__cohort=cohort, status="finalized")
    assert set(finalized.values_list("kind", flat=True)) == {"baseline", "endline"}

    rows, chart = selectors.cohort_area_change(cohort=cohort)
    assert len(rows) == 9 and chart is not None
    changes = [row.change for row in rows]
    assert max(changes) > 0.5 and len(set(changes)) > 4  # rises of different sizes
    overall = set(finalized.filter(kind="endline").values_list("overall_score", flat=True))
    assert len(overall) > 3  # organizations differ

    endline = finalized.filter(kind="endline").first()
    context = selectors.assessment_report_context(assessment=endline)
    assert context["previous"].kind == "baseline"
    assert any(row.change for row in context["area_rows"])
    assert jobs.assessment_report_pdf(endline, language="zh-hans").startswith(b"%PDF-")


def test_home_page_lists_open_calls(client, center):
    open_call = CohortFactory(center=center, title="Amity 2027 call")
    CohortFactory(center=center, title="Closed call", status="closed")
    page = client.get(reverse("home")).content.decode()
    assert "Open calls" in page
    assert "Amity 2027 call" in page and "Closed call" not in page
    assert reverse("incubation:cohort_detail", args=[open_call.pk]) in page


def test_home_page_without_open_calls_leaves_the_section_out(client):
    assert "Open calls" not in client.get(reverse("home")).content.decode()
