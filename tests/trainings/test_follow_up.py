"""Completion, evaluations, follow-up responses and the reminders of the daily job."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from ngo_portal.models import Notification
from trainings import services
from trainings.models import ActionPlan, FollowUp, TrainingSession
from trainings.selectors import evaluation_summary

from .factories import RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(center):
    """A published session that ended on 1 June 2030, with three participants."""
    session = TrainingSessionFactory(
        center=center,
        starts_on=datetime.date(2030, 5, 30),
        ends_on=datetime.date(2030, 6, 1),
        registration_opens=datetime.datetime(2030, 4, 1, tzinfo=datetime.UTC),
        registration_closes=datetime.datetime(2030, 5, 20, tzinfo=datetime.UTC),
    )
    people = [RegistrationFactory(session=session, name=f"P{n}") for n in range(3)]
    return session, people


def test_the_daily_job_completes_ended_sessions_and_sets_the_follow_up_six_months_on(
    ended, django_capture_on_commit_callbacks
):
    session, people = ended
    with django_capture_on_commit_callbacks(execute=True):
        result = services.follow_up_reminders_send(today=datetime.date(2030, 6, 2))

    session.refresh_from_db()
    assert result["completed"] == 1 and session.status == TrainingSession.Status.COMPLETED
    assert FollowUp.objects.get(session=session).due_on == datetime.date(2030, 12, 1)
    evaluation_mail = [m for m in mail.outbox if "How was" in m.subject]
    assert sorted(m.to[0] for m in evaluation_mail) == sorted(p.email for p in people)


def test_reminder_job_run_twice_sends_each_email_once(ended, django_capture_on_commit_callbacks):
    session, people = ended
    services.session_complete(session=session)
    FollowUp.objects.filter(session=session).update(due_on=datetime.date(2030, 12, 1))
    services.follow_up_respond(
        registration=people[0], progress="Shared it", shared_with=3, plan_updates={}
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        for today in (
            datetime.date(2030, 11, 20),
            datetime.date(2030, 11, 20),
            datetime.date(2030, 11, 25),
        ):
            services.follow_up_reminders_send(today=today)
        for today in (datetime.date(2030, 12, 5), datetime.date(2030, 12, 6)):
            services.follow_up_reminders_send(today=today)

    due = sorted(m.to[0] for m in mail.outbox if "coming up" in m.subject)
    overdue = sorted(m.to[0] for m in mail.outbox if "overdue" in m.subject)
    assert due == overdue == sorted(p.email for p in people[1:])
    assert Notification.objects.filter(kind="training_follow_up_due").count() == 2


def test_the_periodic_task_is_declared_in_a_migration():
    # The migration's own function, run again: a transactional test may have emptied the table.
    schedule = importlib.import_module("trainings.migrations.0002_follow_up_reminder_schedule")
    schedule.create_schedule(django_apps, None)
    schedule.create_schedule(django_apps, None)  # idempotent

    task = PeriodicTask.objects.get(task="trainings.tasks.follow_up_reminders_task")
    assert (task.crontab.hour, task.crontab.minute) == ("8", "0")


def test_evaluation_by_emailed_link_once(client, ended):
    session, people = ended
    session.status = TrainingSession.Status.COMPLETED
    session.save()
    url = reverse("trainings:evaluation_form", args=[people[0].token])
    data = {"overall": "5", "content": "4", "trainer": "5", "most_useful": "Role-play"}

    assert "Thank you" in client.post(url, data).content.decode()
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            registration=people[0], data={"overall": 1, "content": 1, "trainer": 1}
        )
    summary = evaluation_summary(session=session)
    assert summary.count == 1 and summary.averages["overall"] == 5


def test_follow_up_response_updates_the_organizations_plans(client, ended):
    session, people = ended
    services.session_complete(session=session)
    plan = ActionPlan.objects.create(
        session=session,
        organization=people[0].organization,
        registration=people[0],
        kind="individual",
        goal="Volunteer policy",
        owner="P0",
        due_on=datetime.date(2030, 10, 1),
    )
    url = reverse("trainings:follow_up_form", args=[people[0].token])

    response = client.post(
        url,
        {
            "progress": "Done it",
            "shared_with": "4",
            f"plan_{plan.pk}_status": "done",
            f"plan_{plan.pk}_note": "Adopted",
        },
    )

    assert "Thank you" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.progress_note) == ("done", "Adopted")


def test_staff_chase_non_responders_once_a_day(ended, officer, django_capture_on_commit_callbacks):
    session, people = ended
    follow_up = services.session_complete(session=session)
    services.follow_up_respond(registration=people[0], progress="x", shared_with=0, plan_updates={})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_up_chase(follow_up=follow_up, by=officer) == 2
        services.follow_up_chase(follow_up=follow_up, by=officer)

    assert len(mail.outbox) == 2


@pytest.mark.parametrize("status", ["published", "cancelled"])
def test_a_session_not_held_yet_cannot_be_evaluated(client, ended, status):
    """The link holds the registration's token, which the check-in QR code shows too: before
    the session (or for a cancelled one) it records nothing."""
    session, people = ended  # its last day, 1 June 2030, is still ahead
    session.status = status
    session.save()
    url = reverse("trainings:evaluation_form", args=[people[0].token])
    response = client.post(url, {"overall": "5", "content": "4", "trainer": "5"})
    assert response.status_code == 200
    assert 'name="overall"' not in response.content.decode()
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            registration=people[0], data={"overall": 1, "content": 1, "trainer": 1}
        )
    assert evaluation_summary(session=session).count == 0
