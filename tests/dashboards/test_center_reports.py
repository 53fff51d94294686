"""The monthly center report (a PDF job e-mailed once to the managers), the weekly deadline
digest, "send now", the public impact page and its annual report."""

import datetime
import subprocess

import pytest
from django.core import mail
from django.utils import timezone

from ngo_portal.center_reports import (
    CENTER_REPORT_KIND,
    monthly_center_reports,
    previous_month,
    weekly_digests,
)
from ngo_portal.models import CenterImpactPage, CenterMembership, Notification, Report
from organizations.models import OrganizationMembership
from tests.grants.factories import AwardFactory, GrantReportFactory
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory
from tests.trainings.factories import RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

Role = CenterMembership.Role


def _pdf_text(path) -> str:
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


@pytest.fixture
def center_with_last_month(db):
    center = CenterFactory(name="Lanzhou Hub", slug="lanzhou")
    starts_on, _ends_on = previous_month(timezone.localdate())
    session = TrainingSessionFactory(
        center=center,
        starts_on=starts_on + datetime.timedelta(days=2),
        ends_on=starts_on + datetime.timedelta(days=3),
    )
    for _ in range(7):
        RegistrationFactory(session=session)
    CenterMembershipFactory(
        center=center, role=Role.MANAGER, user=UserFactory(email="m1@example.org")
    )
    CenterMembershipFactory(
        center=center,
        role=Role.MANAGER,
        user=UserFactory(email="m2@example.org", preferred_language="zh-hans"),
    )
    CenterMembershipFactory(center=center, role=Role.OFFICER)  # not a manager: no report
    return center


def test_the_monthly_report_renders_the_centers_figures_and_is_e_mailed_once_when_run_twice(
    center_with_last_month, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        monthly_center_reports()
    with django_capture_on_commit_callbacks(execute=True):
        monthly_center_reports()

    (report,) = Report.objects.filter(kind=CENTER_REPORT_KIND)
    assert report.status == Report.Status.DONE
    path = tmp_path / "report.pdf"
    path.write_bytes(report.file.read())
    text = _pdf_text(path)
    assert "Lanzhou Hub" in text
    assert "Training sessions held 1" in text
    assert "Participants 7" in text

    assert sorted(message.to[0] for message in mail.outbox) == ["m1@example.org", "m2@example.org"]
    english = next(m for m in mail.outbox if m.to == ["m1@example.org"])
    chinese = next(m for m in mail.outbox if m.to == ["m2@example.org"])
    assert "Participants: 7" in english.body
    (name, content, mime) = english.attachments[0]
    assert mime == "application/pdf" and content.startswith(b"%PDF")
    assert chinese.attachments[0][0].endswith("-zh-hans.pdf")
    assert "List-Unsubscribe" in english.extra_headers
    assert Notification.objects.filter(kind="center_monthly_report").count() == 2


def test_staff_send_the_report_now_and_see_it_in_the_outbox(
    client, center_with_last_month, django_capture_on_commit_callbacks
):
    officer = CenterMembership.objects.get(center=center_with_last_month, role=Role.OFFICER).user
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/centers/{center_with_last_month.slug}/report/send/")

    report = Report.objects.get(kind=CENTER_REPORT_KIND)
    assert response.status_code == 302
    assert response["Location"] == f"/files/{report.pk}/"
    assert report.parameters["ends_on"] == timezone.localdate().isoformat()
    assert (
        Notification.objects.filter(
            kind="center_monthly_report", status=Notification.Status.SENT
        ).count()
        == 2
    )


def test_an_other_centers_officer_cannot_send_its_report(client, center_with_last_month):
    client.force_login(CenterMembershipFactory(role=Role.OFFICER).user)
    assert client.post(f"/centers/{center_with_last_month.slug}/report/send/").status_code == 404


def test_the_weekly_digest_lists_each_organizations_deadlines_to_its_members(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory(name_en="Gansu XingBang")
    member = OrganizationMembershipFactory(
        organization=organization,
        role=OrganizationMembership.Role.MEMBER,
        user=UserFactory(email="ma.yusheng@example.org"),
    ).user
    today = timezone.localdate()
    award = AwardFactory(application__organization=organization)
    GrantReportFactory(award=award, due_on=today + datetime.timedelta(days=5))
    GrantReportFactory(award=award, due_on=today + datetime.timedelta(days=40))  # too far
    session = TrainingSessionFactory(starts_on=today + datetime.timedelta(days=3))
    RegistrationFactory(session=session, organization=organization)
    OrganizationMembershipFactory(organization=OrganizationFactory())  # nothing due: no digest

    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_digests() == 1
    with django_capture_on_commit_callbacks(execute=True):
        weekly_digests()

    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Gansu XingBang" in message.subject
    assert "Grant report due: interim report" in message.body
    assert f"Training starts: {session.title}" in message.body
    assert message.body.count("Grant report due") == 1


def test_the_impact_page_shows_only_the_chosen_figures_once_published(
    client, center_with_last_month
):
    center = center_with_last_month
    assert client.get(f"/centers/{center.slug}/impact/").status_code == 404
    CenterImpactPage.objects.create(
        center=center, is_published=True, figures=["training_participants", "grant_reports_overdue"]
    )

    response = client.get(f"/centers/{center.slug}/impact/")

    assert response.status_code == 200
    shown = [
        figure.key
        for _start, _end, sections in response.context["periods"]
        for section in sections
        for figure in section.figures
    ]
    assert set(shown) == {"training_participants"}  # an overdue report is not for the public
    last_year_or_this = [
        figure.value
        for _start, _end, sections in response.context["periods"]
        for section in sections
        for figure in section.figures
    ]
    assert 7 in last_year_or_this or timezone.localdate().month == 1


def test_a_manager_publishes_the_impact_page_and_asks_for_the_annual_report(
    client, center_with_last_month, django_capture_on_commit_callbacks, tmp_path
):
    center = center_with_last_month
    manager = CenterMembership.objects.filter(center=center, role=Role.MANAGER).first().user
    client.force_login(manager)
    assert client.get(f"/centers/{center.slug}/impact/settings/").status_code == 200
    client.post(
        f"/centers/{center.slug}/impact/settings/",
        {"is_published": "on", "figures": ["trainings_held", "training_participants"]},
    )
    assert CenterImpactPage.objects.get(center=center).is_published

    year = previous_month(timezone.localdate())[0].year
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/centers/{center.slug}/impact/annual-report/", {"year": year})
    report = Report.objects.get(kind="center_annual_report")
    assert response["Location"] == f"/files/{report.pk}/"
    path = tmp_path / "annual.pdf"
    path.write_bytes(report.file.read())
    text = _pdf_text(path)
    assert f"Annual report {year}" in text
    assert "Participants 7" in text
    assert "Organizations" not in text.replace("Organizations trained", "")


def test_officers_cannot_change_the_impact_page(client, center_with_last_month):
    officer = CenterMembership.objects.get(center=center_with_last_month, role=Role.OFFICER).user
    client.force_login(officer)
    assert client.get(f"/centers/{center_with_last_month.slug}/impact/settings/").status_code == 403
