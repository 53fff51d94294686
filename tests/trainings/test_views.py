"""The pages as members and staff use them: registering, the calendar and its feed, check-in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from trainings.models import Attendance, Registration

from .factories import RegistrationFactory, TrainingSessionFactory, in_days

pytestmark = pytest.mark.django_db


def participant_form(organization, *people):
    data = {
        "organization": organization.pk,
        "participant-TOTAL_FORMS": "3",
        "participant-INITIAL_FORMS": "0",
        "participant-MIN_NUM_FORMS": "0",
        "participant-MAX_NUM_FORMS": "10",
    }
    for index in range(3):  # the selects of empty rows keep their defaults, as browsers send
        data |= {
            f"participant-{index}-gender": "undisclosed",
            f"participant-{index}-language": "zh-hans",
        }
    for index, (name, email) in enumerate(people):
        data |= {
            f"participant-{index}-name": name,
            f"participant-{index}-email": email,
            f"participant-{index}-gender": "female",
            f"participant-{index}-language": "zh-hans",
        }
    return data


def test_a_member_registers_two_participants(client, session, member, organization):
    client.force_login(member)
    url = reverse("trainings:session_register", args=[session.pk])

    response = client.post(
        url, participant_form(organization, ("Ann", "ann@example.org"), ("Bo", "bo@example.org"))
    )

    assert response.status_code == 302
    assert set(Registration.objects.values_list("name", "status")) == {
        ("Ann", "confirmed"),
        ("Bo", "confirmed"),
    }
    page = client.get(reverse("trainings:my_registrations")).content.decode()
    assert "Ann" in page and "Bo" in page


def test_a_refused_registration_keeps_what_was_typed(client, session, member, organization):
    session.per_organization_cap = 1
    session.save()
    client.force_login(member)

    response = client.post(
        reverse("trainings:session_register", args=[session.pk]),
        participant_form(organization, ("Ann", "ann@example.org"), ("Bo", "bo@example.org")),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 1 participants" in page
    assert 'value="ann@example.org"' in page and 'value="bo@example.org"' in page
    assert not Registration.objects.exists()


def test_calendar_filters_by_province_month_and_open_seats(client, center):
    from tests.organizations.factories import region_tree

    regions = region_tree()
    june = TrainingSessionFactory(center=center, title="June Xining", starts_on=in_days(40))
    full = TrainingSessionFactory(
        center=center, title="Full Nanjing", region=regions["nanjing"], capacity=1
    )
    RegistrationFactory(session=full)
    month = june.starts_on.strftime("%Y-%m")

    def titles(**params):
        page = client.get(reverse("trainings:session_list"), params).content.decode()
        return {title for title in ("June Xining", "Full Nanjing") if title in page}

    assert titles() == {"June Xining", "Full Nanjing"}
    assert titles(region="630000") == {"June Xining"}
    assert titles(open="on") == {"June Xining"}
    assert "June Xining" in titles(month=month)
    assert titles(month="2001-01") == set()


def test_the_feed_parses_with_a_real_parser(client, center):
    TrainingSessionFactory(
        center=center,
        title="Xining",
        starts_on=datetime.date(2014, 6, 25),
        ends_on=datetime.date(2014, 6, 27),
    )
    TrainingSessionFactory(
        center=center,
        title="Draft",
        status="draft",
        starts_on=datetime.date(2014, 7, 1),
        ends_on=datetime.date(2014, 7, 1),
    )

    response = client.get(reverse("trainings:calendar_feed"), {"year": "2014"})

    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Xining"]
    assert events[0].decoded("dtstart") == datetime.date(2014, 6, 25)
    assert events[0].decoded("dtend") == datetime.date(2014, 6, 28)  # exclusive


def test_check_in_by_name_search_and_htmx_toggle(client, session, officer):
    ann = RegistrationFactory(session=session, name="Wang Fang")
    RegistrationFactory(session=session, name="Li Ming")
    client.force_login(officer)
    day = session.starts_on.isoformat()

    rows = client.get(
        reverse("trainings:check_in", args=[session.pk]),
        {"q": "wang", "day": day},
        HTTP_HX_REQUEST="true",
    )
    assert "Wang Fang" in rows.content.decode() and "Li Ming" not in rows.content.decode()

    response = client.post(
        reverse("trainings:check_in_toggle", args=[session.pk, ann.pk]),
        {"day": day, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "Undo check-in of Wang Fang" in response.content.decode()
    assert Attendance.objects.filter(registration=ann, day=session.starts_on).count() == 1


def test_the_qr_code_link_checks_in(client, session, officer):
    ann = RegistrationFactory(session=session)
    client.force_login(officer)
    url = reverse("trainings:check_in_code", args=[session.pk, ann.token])

    client.post(url, {"day": session.days[1].isoformat()})

    assert list(ann.attendances.values_list("day", flat=True)) == [session.days[1]]


def test_staff_create_a_session_in_the_portal(client, center, officer):
    from tests.organizations.factories import region_tree

    xining = region_tree()["xining"]
    client.force_login(officer)
    data = {
        "center": center.pk,
        "title": "Regional training",
        "region": xining.pk,
        "starts_on": "2030-06-25",
        "ends_on": "2030-06-27",
        "capacity": "35",
        "registration_opens": "2030-05-01T09:00",
        "registration_closes": "2030-06-20T18:00",
        "follow_up_months": "6",
        "status": "published",
        "eligible_provinces": ["630000"],
    }

    response = client.post(reverse("trainings:session_create"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    session = center.training_sessions.get()
    assert (session.region_code, session.eligible_provinces) == ("630100", ["630000"])


def test_session_form_reports_rule_errors_at_the_field(client, center, officer):
    from tests.organizations.factories import region_tree

    client.force_login(officer)
    data = {
        "center": center.pk,
        "title": "Backwards",
        "region": region_tree()["xining"].pk,
        "starts_on": "2030-06-27",
        "ends_on": "2030-06-25",
        "capacity": "35",
        "registration_opens": "2030-05-01T09:00",
        "registration_closes": "2030-06-20T18:00",
        "follow_up_months": "6",
        "status": "published",
    }

    response = client.post(reverse("trainings:session_create"), data)

    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.content.decode()
    assert 'value="Backwards"' in response.content.decode()
    # Said once, in words: not also as the database constraint's name.
    assert "Constraint" not in response.content.decode()
    assert not response.context["form"].non_field_errors()


def test_a_certificate_rule_no_one_could_meet_is_refused(client, center, officer):
    from tests.organizations.factories import region_tree

    client.force_login(officer)
    data = {
        "center": center.pk,
        "title": "Three days",
        "region": region_tree()["xining"].pk,
        "starts_on": "2030-06-25",
        "ends_on": "2030-06-27",
        "capacity": "35",
        "registration_opens": "2030-05-01T09:00",
        "registration_closes": "2030-06-20T18:00",
        "follow_up_months": "6",
        "certificate_min_days": "4",
        "status": "published",
    }

    response = client.post(reverse("trainings:session_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["certificate_min_days"] == [
        "The session has only 3 days."
    ]
    data["certificate_min_days"] = "3"
    assert client.post(reverse("trainings:session_create"), data).status_code == 302


def test_the_home_page_lists_upcoming_sessions(client, session):
    page = client.get(reverse("home")).content.decode()

    assert "Upcoming trainings" in page and session.title in page


def test_the_session_page_in_chinese_shows_the_chinese_title(client, session):
    response = client.get("/zh-hans" + reverse("trainings:session_detail", args=[session.pk]))

    assert response.status_code == 200
    assert session.title_zh in response.content.decode()


def test_staff_approve_decline_and_cancel_from_the_roster(client, session, officer):
    session.requires_approval = True
    session.save()
    ann = RegistrationFactory(session=session, name="Ann", status="pending", confirmed_at=None)
    bo = RegistrationFactory(session=session, name="Bo", status="pending", confirmed_at=None)
    client.force_login(officer)
    page = client.get(reverse("trainings:roster", args=[session.pk])).content.decode()
    assert "Approve<span" in page and "Decline<span" in page

    client.post(
        reverse("trainings:registration_approve", args=[session.pk]), {"registration": ann.pk}
    )
    client.post(
        reverse("trainings:registration_cancel_by_staff", args=[session.pk]),
        {"registration": bo.pk},
    )

    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Ann": "confirmed", "Bo": "cancelled"}
    client.post(
        reverse("trainings:registration_cancel_by_staff", args=[session.pk]),
        {"registration": ann.pk},
    )
    assert Registration.objects.get(pk=ann.pk).status == "cancelled"


def test_staff_create_a_program(client, center, officer):
    client.force_login(officer)

    response = client.post(
        reverse("trainings:program_create"),
        {"center": center.pk, "title": "Promoting NGO Development", "planned_sessions": "9"},
    )

    program = center.training_programs.get()
    assert response.status_code == 302 and program.planned_sessions == 9


def test_a_member_records_a_group_plan_and_sees_only_their_own(
    client, session, member, organization
):
    RegistrationFactory(session=session, organization=organization, name="Ann")
    other = RegistrationFactory(session=session, name="Bo")
    from trainings.models import ActionPlan

    ActionPlan.objects.create(
        session=session,
        organization=other.organization,
        kind="group",
        goal="Their plan",
        owner="Bo",
        due_on=in_days(100),
    )
    client.force_login(member)

    client.post(
        reverse("trainings:action_plans", args=[session.pk]),
        {
            "organization": organization.pk,
            "kind": "group",
            "goal": "Train local NGOs",
            "owner": "Ann",
            "due_on": in_days(120).isoformat(),
        },
    )

    page = client.get(reverse("trainings:action_plans", args=[session.pk])).content.decode()
    assert "Train local NGOs" in page and "Their plan" not in page


def test_a_member_records_a_cascade_training_by_credit_code_and_name(
    client, session, member, organization
):
    from tests.organizations.factories import OrganizationFactory
    from trainings.models import CascadeTraining

    RegistrationFactory(session=session, organization=organization)
    local = [OrganizationFactory(), OrganizationFactory()]
    client.force_login(member)
    data = {
        "organization": organization.pk,
        "held_on": "2030-09-01",
        "place": "Xining",
        "people_trained": "20",
        "reached": f"{local[0].credit_code}\n{local[1].name_zh}\n{local[1].name_zh}",
    }

    response = client.post(reverse("trainings:cascade_create", args=[session.pk]), data)

    assert response.status_code == 302
    training = CascadeTraining.objects.get()
    assert set(training.organizations_reached.all()) == set(local)
    refused = client.post(
        reverse("trainings:cascade_create", args=[session.pk]), data | {"reached": "不存在的机构"}
    )
    assert "Not found on the portal: 不存在的机构" in refused.content.decode()


def test_the_check_in_desk_shows_how_many_are_in_and_keeps_it_current(client, session, officer):
    """A phone at the door shows "1 of 2 checked in" for the day; each htmx check-in swaps
    the figure too (out of band), without reloading the page."""
    ann = RegistrationFactory(session=session, name="Wang Fang")
    li = RegistrationFactory(session=session, name="Li Ming")
    RegistrationFactory(session=session, status=Registration.Status.WAITLISTED, waitlist_position=1)
    Attendance.objects.create(registration=li, day=session.starts_on)
    Attendance.objects.create(registration=li, day=session.ends_on)  # another day: not counted
    client.force_login(officer)
    day = session.starts_on.isoformat()

    page = client.get(reverse("trainings:check_in", args=[session.pk]), {"day": day})
    assert "1 of 2 checked in on" in page.content.decode()

    response = client.post(
        reverse("trainings:check_in_toggle", args=[session.pk, ann.pk]),
        {"day": day, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'id="check-in-count"' in body and 'data-hx-swap-oob="true"' in body
    assert "2 of 2 checked in on" in body


def test_open_seats_means_seats_one_can_still_register_for(client, center):
    """A session whose registration has closed is not "open", whatever its empty seats; its
    card says registration is closed rather than counting seats nobody can take."""
    TrainingSessionFactory(center=center, title="Still open")
    closed = TrainingSessionFactory(center=center, title="Closed early")
    closed.registration_opens = timezone.now() - datetime.timedelta(days=5)
    closed.registration_closes = timezone.now() - datetime.timedelta(hours=1)
    closed.save()

    page = client.get(reverse("trainings:session_list"), {"open": "on"})
    assert [s.title for s in page.context["page"].sessions] == ["Still open"]
    cards = {
        card.title: card for card in client.get(reverse("trainings:session_list")).context["cards"]
    }
    assert (cards["Closed early"].badge, cards["Closed early"].open) == (
        "Registration closed",
        False,
    )
    assert cards["Still open"].open


def test_the_registration_form_speaks_of_people_in_chinese(client, session, member):
    """A participant's name is 姓名 (a person's), not 名称 (an organization's); the address box
    lets the server read a full-width address instead of the browser refusing it."""
    client.force_login(member)
    with translation.override("zh-hans"):
        url = reverse("trainings:session_register", args=[session.pk])
    page = client.get(url).content.decode()
    assert '<label for="id_participant-0-name">姓名' in page
    assert 'type="email"' not in page and 'inputmode="email"' in page


def test_the_qr_page_says_present_for_the_day_it_shows_not_today(client, session, officer):
    """Scanned for the session's second day (not today): "present" on that day, no "today"."""
    ann = RegistrationFactory(session=session)
    second = session.starts_on + datetime.timedelta(days=1)
    Attendance.objects.create(registration=ann, day=second)
    client.force_login(officer)
    url = reverse("trainings:check_in_code", args=[session.pk, ann.token])
    page = client.get(url, {"day": second.isoformat()}).content.decode()
    assert "today" not in page.split("<main", 1)[1]
    assert "Present" in page and second.isoformat() in page
