"""Mentors, sessions, milestones with evidence through the storage API, and reminders before and
after the due date, each sent once however often the daily job runs."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from incubation import services
from incubation.models import Milestone
from incubation.tasks import milestone_reminders_task
from ngo_portal.models import Notification
from tests.ngo_portal.factories import UserFactory

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def test_only_staff_and_the_center_s_mentors_can_mentor(enrollment, officer, mentor):
    services.mentor_assign(enrollment=enrollment, mentor=mentor, by=officer)
    services.mentor_assign(
        enrollment=enrollment, mentor=mentor, by=officer
    )  # twice: one assignment
    assert list(enrollment.mentors.all()) == [mentor]
    with pytest.raises(ValidationError):
        services.mentor_assign(enrollment=enrollment, mentor=UserFactory(), by=officer)


def test_mentor_logs_a_session_and_the_member_uploads_evidence(
    client, enrollment, officer, mentor, owner, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.mentor_assign(enrollment=enrollment, mentor=mentor, by=officer)
    client.force_login(mentor)
    response = client.post(
        reverse("incubation:session_add", args=[enrollment.pk]),
        {
            "held_on": "2026-03-02",
            "topic": "Fundraising plan",
            "notes": "Reviewed donors",
            "next_steps": "Draft the plan",
        },
    )
    assert response.status_code == 302
    assert enrollment.mentoring_sessions.get().mentor == mentor
    milestone = MilestoneFactory(enrollment=enrollment)

    client.force_login(owner)
    bad = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(
        reverse("incubation:milestone_update", args=[milestone.pk]),
        {"status": "completed", "evidence": bad},
    )
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.PLANNED and not milestone.evidence

    good = SimpleUploadedFile(
        "board-minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf"
    )
    client.post(
        reverse("incubation:milestone_update", args=[milestone.pk]),
        {"status": "completed", "evidence": good},
    )
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.COMPLETED and milestone.completed_on
    response = client.get(reverse("incubation:milestone_evidence", args=[milestone.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"


def test_reminders_before_and_after_the_due_date_once_each(
    enrollment, owner, officer, mentor, monkeypatch, django_capture_on_commit_callbacks
):
    services.mentor_assign(enrollment=enrollment, mentor=mentor, by=officer)
    soon = MilestoneFactory(
        enrollment=enrollment, title="Strategic plan", due_on=TODAY + datetime.timedelta(days=5)
    )
    late = MilestoneFactory(
        enrollment=enrollment, title="Financial policies", due_on=TODAY - datetime.timedelta(days=2)
    )
    MilestoneFactory(enrollment=enrollment, due_on=TODAY + datetime.timedelta(days=30))  # not yet
    MilestoneFactory(
        enrollment=enrollment,
        due_on=TODAY - datetime.timedelta(days=3),
        status="completed",
        completed_on=TODAY,
    )  # done: no reminder

    with django_capture_on_commit_callbacks(execute=True):
        assert services.milestone_reminders_send(today=TODAY) == {"due_soon": 2, "overdue": 2}
    with django_capture_on_commit_callbacks(execute=True):
        services.milestone_reminders_send(today=TODAY)
        services.milestone_reminders_send(today=TODAY + datetime.timedelta(days=1))

    kinds = sorted(Notification.objects.values_list("kind", "object_id", "email"))
    assert kinds == sorted(
        [
            ("incubation_milestone_due_soon", soon.pk, owner.email),
            ("incubation_milestone_due_soon", soon.pk, mentor.email),
            ("incubation_milestone_overdue", late.pk, owner.email),
            ("incubation_milestone_overdue", late.pk, mentor.email),
        ]
    )
    assert len(mail.outbox) == 4
    subjects = {message.subject for message in mail.outbox}
    assert any("Overdue milestone: Financial policies" in subject for subject in subjects)


def test_the_schedule_is_declared_for_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.filter(task="incubation.tasks.milestone_reminders_task").first()
    if task is None:  # a transactional test's flush removed the migration's row: put it back
        import importlib

        from django.apps import apps

        importlib.import_module(
            "incubation.migrations.0004_milestone_reminder_schedule"
        ).create_schedule(apps, None)
        task = PeriodicTask.objects.get(task="incubation.tasks.milestone_reminders_task")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "8",
        "0",
        "Asia/Shanghai",
    )
    assert milestone_reminders_task.name == task.task


@pytest.mark.parametrize(
    "due_on", ["0001-01-01", "2016-06-01", "2999-01-01"], ids=["year 1", "past", "far"]
)
def test_a_milestone_is_due_within_the_incubation(client, enrollment, officer, due_on):
    client.force_login(officer)
    url = reverse("incubation:milestone_add", args=[enrollment.pk])
    response = client.post(url, {"title": "Strategic plan", "due_on": due_on})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a date within the incubation" in page and "Strategic plan" in page
    assert not Milestone.objects.exists()
    inside = enrollment.cohort.starts_on + datetime.timedelta(days=60)
    response = client.post(url, {"title": "Strategic plan", "due_on": inside.isoformat()})
    assert response.status_code == 302
    assert Milestone.objects.get().due_on == inside


def test_a_session_held_or_an_assessment_made_is_not_dated_ahead(client, enrollment, officer):
    client.force_login(officer)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("incubation:session_add", args=[enrollment.pk]),
        {"held_on": tomorrow, "topic": "Board and strategy"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This date is in the future." in page and "Board and strategy" in page
    response = client.post(
        reverse("incubation:assessment_create", args=[enrollment.pk]),
        {"kind": "baseline", "assessed_on": "2099-01-01"},
    )
    assert response.status_code == 400
    assert "This date is in the future." in response.content.decode()
    assert not enrollment.mentoring_sessions.exists() and not enrollment.assessments.exists()


def test_the_milestone_form_speaks_of_the_milestone_in_chinese(client, enrollment, officer):
    """The milestone's text is its details, not an organization's profile (机构简介)."""
    client.force_login(officer)
    page = client.get(
        "/zh-hans" + reverse("incubation:enrollment_detail", args=[enrollment.pk])
    ).content.decode()
    assert "机构简介" not in page
