"""Registration: seats, the waiting list in arrival order, promotion, cancellation deadline,
each eligibility rule, the per-organization cap, duplicates, approval and moves."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from incubation.models import Cohort, Enrollment
from organizations.vocabularies import LegalForm
from tests.organizations.factories import OrganizationFactory, region_tree
from trainings import services
from trainings.models import Registration, TrainingSession
from trainings.notifications import check_in_qr_png

from .factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def people(*names, language="en"):
    return [
        services.Participant(name=name, email=f"{name.lower()}@example.org", language=language)
        for name in names
    ]


def register(session, member, organization, *names, **kwargs):
    return services.registrations_create(
        session=session, organization=organization, participants=people(*names, **kwargs), by=member
    )


def test_seats_then_waiting_list_in_arrival_order(session, member_of):
    session.capacity = 2
    session.save()
    registered = []
    for name in ("Ann", "Bo", "Chen", "Dai", "Eve"):
        organization = OrganizationFactory()
        registered += register(session, member_of(organization), organization, name)

    assert [r.status for r in registered] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 3
    assert [r.waitlist_position for r in registered[2:]] == [1, 2, 3]
    session.refresh_from_db()
    assert session.confirmed_count == 2


def test_cancellation_promotes_the_first_waiting_and_emails_them(
    session, member_of, organization, member, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    first = register(session, member, organization, "Ann")[0]
    waiting = []
    for name in ("Bo", "Chen"):
        other = OrganizationFactory()
        waiting += register(session, member_of(other), other, name)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=member)

    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert waiting[0].status == Status.CONFIRMED and waiting[0].waitlist_position is None
    assert waiting[1].status == Status.WAITLISTED
    promoted = [m for m in mail.outbox if m.to != ["ann@example.org"]]
    assert [m.to for m in promoted] == [["bo@example.org"]]  # Ann hears of her cancellation
    assert "seat opened up" in promoted[0].subject
    assert promoted[0].attachments[0][0].endswith(".ics")
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_confirmation_email_in_the_participants_language_with_an_ics(
    session, member, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(session, member, organization, "Wang", language="zh-hans")

    (message,) = mail.outbox
    assert message.to == ["wang@example.org"]
    name, content, mime_type = message.attachments[0]
    assert mime_type == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_on
    html = message.alternatives[0][0]
    assert "data:image/png;base64" in html  # the check-in QR code


def test_cancellation_after_the_deadline_is_refused_for_members_but_not_staff(
    session, member, organization, officer
):
    registration = register(session, member, organization, "Ann")[0]
    TrainingSession.objects.filter(pk=session.pk).update(
        cancellation_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(ValidationError, match="Cancellations closed"):
        services.registration_cancel(registration=registration, by=member)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED

    services.registration_cancel(registration=registration, by=officer)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_only_members_of_the_organization_register_its_people(session, organization, member_of):
    with pytest.raises(PermissionDenied):
        register(session, member_of(), organization, "Ann")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": TrainingSession.Status.DRAFT}, "not open for registration"),
        ({"registration_opens": timezone.now() + datetime.timedelta(days=1)}, "Registration opens"),
        ({"registration_closes": timezone.now() - datetime.timedelta(minutes=1)}, "has closed"),
    ],
)
def test_registration_window(center, member, organization, change, message):
    values = {"registration_opens": timezone.now() - datetime.timedelta(days=3)} | change
    session = TrainingSessionFactory(center=center, **values)

    with pytest.raises(ValidationError, match=message):
        register(session, member, organization, "Ann")
    assert not Registration.objects.exists()


def test_eligibility_by_province(session, member_of):
    regions = region_tree()
    session.eligible_provinces = ["630000"]
    session.save()
    qinghai = OrganizationFactory(region=regions["chengzhong"])
    jiangsu = OrganizationFactory(region=regions["gulou"])

    with pytest.raises(ValidationError, match="other provinces"):
        register(session, member_of(jiangsu), jiangsu, "Ann")
    assert register(session, member_of(qinghai), qinghai, "Bo")[0].status == Status.CONFIRMED


def test_eligibility_by_legal_form(session, member_of):
    session.eligible_legal_forms = [LegalForm.SOCIAL_GROUP]
    session.save()
    group = OrganizationFactory(legal_form=LegalForm.SOCIAL_GROUP)
    foundation = OrganizationFactory(legal_form=LegalForm.FOUNDATION)

    with pytest.raises(ValidationError, match="legal form"):
        register(session, member_of(foundation), foundation, "Ann")
    assert register(session, member_of(group), group, "Bo")


def test_eligibility_by_cohort(session, member_of):
    cohort = Cohort.objects.create(
        center=session.center,
        title="Cohort 2014",
        call_opens=datetime.date(2014, 1, 1),
        call_closes=datetime.date(2014, 2, 1),
        starts_on=datetime.date(2014, 3, 1),
        ends_on=datetime.date(2014, 12, 1),
        capacity=10,
    )
    session.eligible_cohort = cohort
    session.save()
    enrolled, withdrawn, outsider = (
        OrganizationFactory(),
        OrganizationFactory(),
        OrganizationFactory(),
    )
    Enrollment.objects.create(
        cohort=cohort, organization=enrolled, enrolled_on=datetime.date(2014, 3, 1)
    )
    Enrollment.objects.create(
        cohort=cohort,
        organization=withdrawn,
        enrolled_on=datetime.date(2014, 3, 1),
        status="withdrawn",
    )

    for organization in (withdrawn, outsider):
        with pytest.raises(ValidationError, match="only for organizations enrolled"):
            register(session, member_of(organization), organization, f"N{organization.pk}")
    assert register(session, member_of(enrolled), enrolled, "Ann")


def test_per_organization_cap(session, member, organization):
    session.per_organization_cap = 2
    session.save()
    register(session, member, organization, "Ann")

    with pytest.raises(ValidationError, match="at most 2 participants"):
        register(session, member, organization, "Bo", "Chen")
    assert Registration.objects.count() == 1


def test_the_same_participant_twice_is_refused(session, member, organization, member_of):
    register(session, member, organization, "Ann")
    other = OrganizationFactory()

    with pytest.raises(ValidationError, match="ann@example.org"):
        register(session, member_of(other), other, "Ann")
    with pytest.raises(ValidationError, match="bo@example.org"):
        services.registrations_create(
            session=session,
            organization=organization,
            participants=people("Bo")
            + [services.Participant(name="Bo Two", email="BO@example.org")],
            by=member,
        )


def test_a_cancelled_participant_may_register_again(session, member, organization):
    first = register(session, member, organization, "Ann")[0]
    services.registration_cancel(registration=first, by=member)

    assert register(session, member, organization, "Ann")[0].status == Status.CONFIRMED


def test_approval_mode_holds_registrations_until_staff_decide(
    session, member, organization, officer, django_capture_on_commit_callbacks
):
    session.requires_approval = True
    session.capacity = 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        ann, bo = register(session, member, organization, "Ann", "Bo")
    assert {ann.status, bo.status} == {Status.PENDING}
    assert {m.subject.split("] ")[-1] for m in mail.outbox} == {
        f'Your registration for "{session.title}" is received'
    }

    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=ann, by=member)
    assert services.registration_approve(registration=ann, by=officer).status == Status.CONFIRMED
    assert services.registration_approve(registration=bo, by=officer).status == Status.WAITLISTED


def test_staff_move_a_participant_and_the_freed_seat_goes_to_the_waiting_list(
    center, session, officer, member_of
):
    session.capacity = 1
    session.save()
    other_session = TrainingSessionFactory(center=center)
    orgs = [OrganizationFactory() for _ in range(2)]
    ann = register(session, member_of(orgs[0]), orgs[0], "Ann")[0]
    bo = register(session, member_of(orgs[1]), orgs[1], "Bo")[0]

    moved = services.registration_move(registration=ann, to_session=other_session, by=officer)

    ann.refresh_from_db()
    bo.refresh_from_db()
    assert ann.status == Status.CANCELLED
    assert moved.session == other_session and moved.status == Status.CONFIRMED
    assert bo.status == Status.CONFIRMED
    again = register(session, member_of(orgs[0]), orgs[0], "Ann")[0]
    with pytest.raises(ValidationError, match="Already registered"):
        services.registration_move(registration=again, to_session=other_session, by=officer)


def test_more_seats_go_to_the_waiting_list(session, member, organization, officer, member_of):
    session.capacity = 1
    session.save()
    register(session, member, organization, "Ann")
    other = OrganizationFactory()
    bo = register(session, member_of(other), other, "Bo")[0]

    session.capacity = 2
    services.session_save(session=session, by=officer)

    bo.refresh_from_db()
    assert bo.status == Status.CONFIRMED


def test_plain_text_emails_are_not_html_escaped(
    session, member_of, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name_en="Datong Women's Association")
    session.title = "Finance & fundraising"
    session.save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        register(session, member_of(organization), organization, "Ann")

    (message,) = mail.outbox
    assert "Datong Women's Association" in message.body
    assert '"Finance & fundraising"' in message.subject


def test_cancelling_a_session_tells_everyone_registered_once(
    session, member, organization, officer, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    register(session, member, organization, "Ann", "Bo")
    mail.outbox.clear()
    session.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        session.status = TrainingSession.Status.CANCELLED
        services.session_save(session=session, by=officer)
        services.session_save(session=session, by=officer)  # saved again: no second e-mail

    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bo@example.org"]
    assert all("is cancelled" in m.subject for m in mail.outbox)
    # Ann held the seat and the confirmation's .ics: hers comes back cancelled, to import.
    by_address = {m.to[0]: m for m in mail.outbox}
    (ics,) = by_address["ann@example.org"].attachments
    event = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1
    assert str(event["uid"]) == f"training-session-{session.pk}@ngo-portal"
    assert by_address["bo@example.org"].attachments == []  # waiting: no event to take off


@pytest.mark.parametrize(
    ("language", "title", "calendar_name", "place", "path"),
    [
        ("zh-hans", "区域培训", "区域培训", "西宁市", "/zh-hans/trainings/"),
        ("en", "Regional training", "Regional training", "Xining", "/trainings/"),
    ],
)
def test_the_confirmations_calendar_file_speaks_the_participants_language(
    session,
    member,
    organization,
    officer,
    django_capture_on_commit_callbacks,
    language,
    title,
    calendar_name,
    place,
    path,
):
    """The .ics says what the e-mail says, whoever registered the participant in whatever
    language: a Chinese participant's calendar shows the Chinese title and a Chinese link."""
    session.title, session.title_zh = "Regional training", "区域培训"
    session.venue = ""
    session.save()
    page_language = "zh-hans" if language == "en" else "en"  # the member's page
    with translation.override(page_language), django_capture_on_commit_callbacks(execute=True):
        register(session, member, organization, "Wang", "Li", language=language)
    for message in mail.outbox:
        (ics,) = [a for a in message.attachments if a[2] == "text/calendar"]
        calendar = Calendar.from_ical(ics[1])
        event = calendar.walk("VEVENT")[0]
        assert str(calendar["x-wr-calname"]) == calendar_name
        assert str(event["summary"]) == title
        assert place in str(event["location"])
        assert str(event["url"]).endswith(f"{path}{session.pk}/")


def test_the_check_in_qr_code_is_attached_as_an_image(
    session, member, organization, django_capture_on_commit_callbacks
):
    """Mail clients that drop data: images (most webmail) still get the check-in pass."""
    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = register(session, member, organization, "Wang")
    (message,) = mail.outbox
    (png,) = [a for a in message.attachments if a[2] == "image/png"]
    assert png[1].startswith(b"\x89PNG")
    assert png[1] == check_in_qr_png(registration)  # the code of the check-in link


def test_new_dates_or_place_are_emailed_with_the_updated_calendar_event(
    session, member, organization, officer, django_capture_on_commit_callbacks
):
    """Participants plan travel by the dates and place: a change reaches everyone registered,
    and the seat holders' .ics replaces the event (same UID, higher SEQUENCE)."""
    session.capacity = 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(session, member, organization, "Ann", "Bo")
    (first_ics,) = [a for a in mail.outbox[0].attachments if a[2] == "text/calendar"]
    first = Calendar.from_ical(first_ics[1]).walk("VEVENT")[0]
    mail.outbox.clear()
    session.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        session.title = "A better title"  # not what travel depends on: no e-mail
        services.session_save(session=session, by=officer)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        session.starts_on += datetime.timedelta(days=7)
        session.ends_on += datetime.timedelta(days=7)
        services.session_save(session=session, by=officer)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["ann@example.org", "bo@example.org"]
    assert all("new dates" in m.subject for m in mail.outbox)
    assert session.starts_on.isoformat() in by_address["ann@example.org"].body
    assert "/trainings/withdraw/" in by_address["ann@example.org"].body  # if the new dates fail
    (ics,) = by_address["ann@example.org"].attachments
    event = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert event["uid"] == first["uid"]
    assert event["sequence"] > first["sequence"]
    assert event.decoded("dtstart") == session.starts_on
    assert by_address["bo@example.org"].attachments == []  # waiting: nothing in a calendar yet

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.status = TrainingSession.Status.CANCELLED
        services.session_save(session=session, by=officer)
    (ics,) = {m.to[0]: m for m in mail.outbox}["ann@example.org"].attachments
    cancelled = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert cancelled["sequence"] > event["sequence"]


def test_a_cancelled_participant_is_told_and_the_event_leaves_their_calendar(
    session, member, organization, officer, django_capture_on_commit_callbacks
):
    """Participants have no account: when their organization (or staff) cancels their place,
    they hear it, and a seat holder gets the event back marked cancelled to import."""
    session.capacity = 1
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        ann, bo = register(session, member, organization, "Ann", "Bo")
    first = Calendar.from_ical(
        next(a[1] for a in mail.outbox[0].attachments if a[2] == "text/calendar")
    ).walk("VEVENT")[0]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=ann, by=member)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert "is cancelled" in by_address["ann@example.org"].subject
    (ics,) = by_address["ann@example.org"].attachments
    event = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert (event["uid"], str(event["status"])) == (first["uid"], "CANCELLED")
    assert event["sequence"] > first["sequence"]
    assert "seat opened up" in by_address["bo@example.org"].subject  # promoted
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=bo, by=officer)
    (message,) = mail.outbox
    assert message.to == ["bo@example.org"] and "is cancelled" in message.subject


def test_a_moved_participant_gets_the_old_event_cancelled_with_the_new_one(
    session, member, organization, officer, django_capture_on_commit_callbacks
):
    other = TrainingSessionFactory(center=session.center, title="Later session")
    with django_capture_on_commit_callbacks(execute=True):
        (ann,) = register(session, member, organization, "Ann")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_move(registration=ann, to_session=other, by=officer)

    (message,) = mail.outbox
    events = {
        str(event["uid"]): str(event["status"])
        for name, content, mime in message.attachments
        if mime == "text/calendar"
        for event in Calendar.from_ical(content).walk("VEVENT")
    }
    assert events == {
        f"training-session-{session.pk}@ngo-portal": "CANCELLED",
        f"training-session-{other.pk}@ngo-portal": "CONFIRMED",
    }
