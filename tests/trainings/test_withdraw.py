"""A participant gives their place back through the link of their e-mails, without an account:
the link is signed (the token alone is also in the check-in QR code), the deadline holds, the
waiting list moves up."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from trainings import services
from trainings.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(session, member, organization, django_capture_on_commit_callbacks):
    session.capacity = 1
    session.save()
    people = [
        services.Participant(name=name, email=f"{name.lower()}@example.org", language="en")
        for name in ("Ann", "Bo")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        ann, bo = services.registrations_create(
            session=session, organization=organization, participants=people, by=member
        )
    return session, ann, bo


def link_in(message) -> str:
    return re.search(r"https?://\S+/trainings/withdraw/\S+/\S+/", message.body).group(0)


def test_the_emailed_link_gives_the_place_to_the_waiting_list(
    client, full_session, django_capture_on_commit_callbacks
):
    session, ann, bo = full_session
    url = link_in(next(m for m in mail.outbox if m.to == ["ann@example.org"]))
    path = urlsplit(url).path
    mail.outbox.clear()

    page = client.get(path)
    assert page.status_code == 200 and "Cancel my registration" in page.content.decode()
    ann.refresh_from_db()
    assert ann.status == Registration.Status.CONFIRMED  # looking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert "Your registration is cancelled" in done.content.decode()
    ann.refresh_from_db()
    bo.refresh_from_db()
    assert ann.status == Registration.Status.CANCELLED
    assert bo.status == Registration.Status.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bo@example.org"]
    # A second press (a double tap) changes nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200
    assert len(mail.outbox) == 2


def test_the_token_alone_cancels_nothing(client, full_session):
    """The check-in QR code shows the token: without the link's signature it is a 404."""
    session, ann, bo = full_session
    for signature in ("x", "A" * 43):
        url = reverse("trainings:registration_withdraw", args=[ann.token, signature])
        assert client.post(url).status_code == 404
    ann.refresh_from_db()
    assert ann.status == Registration.Status.CONFIRMED


def test_past_the_deadline_the_link_says_whom_to_contact(client, full_session):
    from trainings.notifications import withdraw_signature

    session, ann, bo = full_session
    session.cancellation_deadline = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    url = reverse("trainings:registration_withdraw", args=[ann.token, withdraw_signature(ann)])
    response = client.post(url)
    assert "Cancellations closed" in response.content.decode()
    ann.refresh_from_db()
    assert ann.status == Registration.Status.CONFIRMED
