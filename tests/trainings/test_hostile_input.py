"""Wrong and hostile input on the trainings pages: a translated error or a 404, never a 500."""

import pytest
from django.urls import reverse

from .factories import RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

TOKEN_PAGES = ["evaluation", "follow-up", "certificates"]


@pytest.mark.parametrize("page", TOKEN_PAGES)
@pytest.mark.parametrize("token", ["a\x00b", "x" * 5000, "a b", "../..", "中文"])
def test_a_malformed_token_is_not_found(client, page, token):
    response = client.get(f"/trainings/{page}/{token}/")
    assert response.status_code == 404


def test_a_malformed_check_in_code_is_not_found(client, session, officer):
    client.force_login(officer)
    response = client.get(f"/trainings/{session.pk}/check-in/code/a%00b/")
    assert response.status_code == 404
    registration = RegistrationFactory(session=session)
    response = client.get(reverse("trainings:check_in_code", args=[session.pk, registration.token]))
    assert response.status_code == 200


@pytest.mark.parametrize("month", ["2014-13", "13", "abc", "0000-01", "2014-6-1", "-2014-01"])
def test_a_malformed_month_is_an_error_at_the_field(client, month):
    TrainingSessionFactory(title="Upcoming session")
    response = client.get(reverse("trainings:session_list"), {"month": month})
    assert response.status_code == 200
    assert response.context["form"].errors["month"] == [
        "Enter a month as YYYY-MM, for example 2014-06."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Upcoming session" in response.content.decode()  # the upcoming calendar, not history


def test_a_month_with_a_nul_character_is_refused(client):
    response = client.get(reverse("trainings:session_list"), {"month": "2014-\x00"})
    assert response.status_code == 200
    assert response.context["form"].errors["month"] == ["Null characters are not allowed."]


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_the_first_and_last_months_of_the_calendar(client, month):
    response = client.get(reverse("trainings:session_list"), {"month": month})
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_a_month_in_full_width_digits(client):
    import datetime

    session = TrainingSessionFactory(
        starts_on=datetime.date(2014, 6, 25), ends_on=datetime.date(2014, 6, 27)
    )
    TrainingSessionFactory(starts_on=datetime.date(2014, 7, 1), ends_on=datetime.date(2014, 7, 2))
    response = client.get(reverse("trainings:session_list"), {"month": "２０１４-０６"})
    assert [s.pk for s in response.context["page"].sessions] == [session.pk]


@pytest.mark.parametrize("query", ["\x00", "王\x00", "x" * 5000, "%", "_", "'; --"])
def test_check_in_search_survives_hostile_queries(client, session, officer, query):
    RegistrationFactory(session=session, name="王芳", phone="13800138000")
    client.force_login(officer)
    response = client.get(reverse("trainings:check_in", args=[session.pk]), {"q": query})
    assert response.status_code == 200


def test_check_in_search_reads_full_width_digits(client, session, officer):
    registration = RegistrationFactory(session=session, name="王芳", phone="13800138000")
    RegistrationFactory(session=session, name="李四", phone="13900000000")
    client.force_login(officer)
    response = client.get(reverse("trainings:check_in", args=[session.pk]), {"q": "１３８"})
    assert [row.pk for row in response.context["rows"]] == [registration.pk]


def test_a_phone_and_address_typed_in_full_width_are_stored_in_half_width(
    client, session, member, organization
):
    from trainings.models import Registration

    from .test_views import participant_form

    data = participant_form(organization, ("王芳", "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｏｒｇ"))
    data["participant-0-phone"] = "１３８ ００１３ ８０００"
    client.force_login(member)
    response = client.post(reverse("trainings:session_register", args=[session.pk]), data)
    assert response.status_code == 302, response.context["formset"].errors
    registration = Registration.objects.get(session=session)
    assert (registration.email, registration.phone) == ("wang@example.org", "138 0013 8000")


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "1e3", "\x00", "１２"])
def test_roster_actions_with_a_hostile_registration_id(client, session, officer, value):
    client.force_login(officer)
    for name in ("registration_approve", "registration_cancel_by_staff"):
        response = client.post(
            reverse(f"trainings:{name}", args=[session.pk]), {"registration": value}
        )
        assert response.status_code == 302


@pytest.mark.parametrize("shared_with", ["99999999999999999999", "2147483648", "-1", "abc"])
def test_a_follow_up_report_with_an_impossible_number_is_refused_at_the_field(
    client, session, shared_with
):
    from trainings.models import FollowUp, FollowUpResponse

    registration = RegistrationFactory(session=session)
    FollowUp.objects.create(session=session, due_on=session.ends_on)
    response = client.post(
        reverse("trainings:follow_up_form", args=[registration.token]),
        {"progress": "我们办了两次培训", "shared_with": shared_with},
    )
    assert response.status_code == 200
    assert "shared_with" in response.context["form"].errors
    assert not FollowUpResponse.objects.exists()
    assert "我们办了两次培训" in response.content.decode()  # nothing typed is lost


@pytest.mark.parametrize(
    "year", ["0000", "10000", "-001", "abc", "\x00", "٢٠١٤", "２０１４", "2014"]
)
def test_the_feed_reads_or_ignores_any_year(client, year):
    import datetime

    from icalendar import Calendar

    TrainingSessionFactory(starts_on=datetime.date(2014, 6, 25), ends_on=datetime.date(2014, 6, 27))
    response = client.get(reverse("trainings:calendar_feed"), {"year": year})
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == (1 if year in ("２０１４", "2014") else 0)


@pytest.mark.parametrize("day", ["2001-01-01", "2099-12-31", "x", "\x00"])
def test_a_check_in_for_a_day_outside_the_session_records_nothing(client, session, officer, day):
    from trainings.models import Attendance

    registration = RegistrationFactory(session=session)
    client.force_login(officer)
    toggle = reverse("trainings:check_in_toggle", args=[session.pk, registration.pk])
    response = client.post(toggle, {"day": day, "present": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "That day is not a day of this session." in response.content.decode()
    code = reverse("trainings:check_in_code", args=[session.pk, registration.token])
    client.post(code, {"day": day})
    assert not Attendance.objects.exists()
