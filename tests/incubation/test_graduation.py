"""Graduation criteria (milestones, endline score or improvement, registration), graduating
with its certificate job, and extending."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incubation import jobs, selectors, services
from incubation.models import Enrollment, Milestone
from incubation.rules import graduation_check
from ngo_portal.jobs.services import report_run
from ngo_portal.models import Report

from .factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def _check(cohort, **figures):
    defaults = {
        "milestones_done": 3,
        "milestones_total": 4,
        "baseline": Decimal("1.80"),
        "endline": Decimal("2.70"),
        "registered": True,
    }
    return graduation_check(cohort, **{**defaults, **figures})


def test_criteria_combine_milestones_score_or_improvement_and_registration():
    cohort = CohortFactory.build(
        graduation_milestones_percent=75,
        graduation_min_endline_score=Decimal("3.00"),
        graduation_min_improvement=Decimal("0.80"),
        graduation_requires_registration=True,
    )
    assert _check(cohort).meets  # improvement 0.90 ≥ 0.80, although the endline is below 3
    assert not _check(cohort, milestones_done=2).meets  # 50% < 75%
    assert not _check(cohort, baseline=Decimal("2.20")).meets  # +0.50 and 2.70 < 3.00
    assert _check(cohort, baseline=None, endline=Decimal("3.10")).meets  # the score suffices
    assert not _check(cohort, endline=None).meets  # no finalized endline
    assert not _check(cohort, registered=False).meets
    cohort.graduation_requires_registration = False
    assert _check(cohort, registered=False).meets
    cohort.graduation_min_endline_score = cohort.graduation_min_improvement = None
    assert _check(cohort, baseline=None, endline=None).meets
    assert _check(cohort, milestones_done=0, milestones_total=0).meets


def test_staff_see_who_meets_them(center, officer, scored_assessment):
    cohort = CohortFactory(
        center=center, graduation_milestones_percent=100, graduation_min_improvement=Decimal("0.50")
    )
    grows = EnrollmentFactory(cohort=cohort)
    flat = EnrollmentFactory(cohort=cohort, organization__credit_code=None)
    for enrollment, end_level in ((grows, 3), (flat, 2)):
        Milestone.objects.create(
            enrollment=enrollment,
            title="Plan",
            due_on=datetime.date(2026, 3, 1),
            status="completed",
            completed_on=datetime.date(2026, 2, 1),
        )
        scored_assessment(enrollment, "baseline", lambda key, i: 2, on=datetime.date(2026, 1, 5))
        scored_assessment(
            enrollment,
            "endline",
            lambda key, i, level=end_level: level,
            on=datetime.date(2026, 12, 1),
        )

    rows = {
        row.enrollment.pk: row.check
        for row in selectors.graduation_rows(cohort=cohort, user=officer)
    }
    assert rows[grows.pk].meets and rows[grows.pk].improvement == Decimal("1.00")
    assert not rows[flat.pk].meets
    assert not rows[flat.pk].registration_met and not rows[flat.pk].score_met


def test_graduating_issues_a_certificate_job_and_extending_needs_a_later_date(
    client, center, officer, django_capture_on_commit_callbacks, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    cohort = CohortFactory(center=center)
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incubation:enrollment_graduate", args=[enrollment.pk]))
    report = Report.objects.get(kind=jobs.CERTIFICATE_KIND)
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert report.status == Report.Status.DONE, report.error
    assert report.file.read(5) == b"%PDF-"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED and enrollment.graduated_on

    other = EnrollmentFactory(cohort=cohort)
    with pytest.raises(ValidationError):
        services.enrollment_extend(enrollment=other, until=cohort.ends_on, by=officer)
    services.enrollment_extend(
        enrollment=other, until=cohort.ends_on + datetime.timedelta(days=60), by=officer
    )
    other.refresh_from_db()
    assert other.extended_until == cohort.ends_on + datetime.timedelta(days=60)
    with pytest.raises(ValidationError):
        services.enrollment_extend(
            enrollment=enrollment, until=cohort.ends_on + datetime.timedelta(days=9), by=officer
        )
    report_run(report_id=report.pk)  # delivered twice: nothing more happens
    assert Report.objects.get(pk=report.pk).attempts == 1


def test_graduating_one_that_does_not_meet_the_criteria_takes_a_confirmation(
    client, center, officer, django_capture_on_commit_callbacks, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    cohort = CohortFactory(center=center, graduation_min_endline_score=Decimal("3.00"))
    enrollment = EnrollmentFactory(cohort=cohort)  # no endline yet: the criteria are not met
    client.force_login(officer)
    page = client.get(reverse("incubation:graduation", args=[cohort.pk])).content.decode()
    assert 'name="despite_criteria" required' in page

    response = client.post(reverse("incubation:enrollment_graduate", args=[enrollment.pk]))
    assert response["Location"] == reverse("incubation:graduation", args=[cohort.pk])
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not Report.objects.filter(kind=jobs.CERTIFICATE_KIND).exists()
    page = client.get(response["Location"]).content.decode()
    assert "does not meet the graduation criteria" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("incubation:enrollment_graduate", args=[enrollment.pk]),
            {"despite_criteria": "on"},
        )
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED
    assert Report.objects.filter(kind=jobs.CERTIFICATE_KIND).count() == 1


def test_the_certificate_is_in_the_organizations_language_not_the_staff_members(
    client, cohort, enrollment, owner, officer
):
    owner.preferred_language = "zh-hans"
    owner.save()
    client.force_login(officer)  # working in English
    client.post(reverse("incubation:enrollment_graduate", args=[enrollment.pk]))
    assert Report.objects.get(kind=jobs.CERTIFICATE_KIND).language == "zh-hans"


def test_the_organizations_members_download_the_certificate_from_the_enrollment(
    client,
    cohort,
    enrollment,
    owner,
    officer,
    django_capture_on_commit_callbacks,
    tmp_path,
    settings,
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("incubation:enrollment_certificate", args=[enrollment.pk])
    client.force_login(owner)
    assert client.get(url).status_code == 404  # not graduated yet
    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_graduate(enrollment=enrollment, by=officer)
    page = client.get(reverse("incubation:enrollment_detail", args=[enrollment.pk]))
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
