"""Trainings: programs, sessions, registrations, attendance, certificates, follow-ups.

Fixed paths (calendar.ics, new/, programs/...) come before <int:pk>/.
"""

from django.urls import path, register_converter

from .views import calendar, check_in, follow_up, participant, registration, roster, staff

app_name = "trainings"


class TokenConverter:
    """An e-mailed link's token (models.new_token: URL-safe base64). Anything else, a NUL or
    a 5,000-character string, is a 404 before it reaches the database."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "trainings_token")

urlpatterns = [
    path("", calendar.session_list, name="session_list"),
    path("calendar.ics", calendar.calendar_feed, name="calendar_feed"),
    path("new/", staff.session_create, name="session_create"),
    path("mine/", registration.my_registrations, name="my_registrations"),
    path("programs/", staff.program_list, name="program_list"),
    path("programs/new/", staff.program_create, name="program_create"),
    path("programs/<int:pk>/", staff.program_statistics, name="program_statistics"),
    path("programs/<int:pk>/edit/", staff.program_edit, name="program_edit"),
    path(
        "registrations/<int:pk>/cancel/",
        registration.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<int:pk>/certificate.pdf",
        registration.certificate_download,
        name="certificate_download",
    ),
    path(
        "evaluation/<trainings_token:token>/", participant.evaluation_form, name="evaluation_form"
    ),
    path(
        "withdraw/<trainings_token:token>/<trainings_token:signature>/",
        participant.registration_withdraw,
        name="registration_withdraw",
    ),
    path("follow-up/<trainings_token:token>/", participant.follow_up_form, name="follow_up_form"),
    path(
        "certificates/<trainings_token:token>/",
        participant.certificate_verify,
        name="certificate_verify",
    ),
    path("<int:pk>/", calendar.session_detail, name="session_detail"),
    path("<int:pk>/register/", registration.session_register, name="session_register"),
    path("<int:pk>/edit/", staff.session_edit, name="session_edit"),
    path("<int:pk>/complete/", staff.session_complete, name="session_complete"),
    path("<int:pk>/statistics/", staff.session_statistics, name="session_statistics"),
    path("<int:pk>/roster/", roster.roster, name="roster"),
    path("<int:pk>/roster/approve/", roster.registration_approve, name="registration_approve"),
    path(
        "<int:pk>/roster/cancel/",
        roster.registration_cancel_by_staff,
        name="registration_cancel_by_staff",
    ),
    path("<int:pk>/roster/move/", roster.registration_move, name="registration_move"),
    path("<int:pk>/sign-in-sheet/", roster.sign_in_sheet, name="sign_in_sheet"),
    path("<int:pk>/roster-export/", roster.roster_export, name="roster_export"),
    path("<int:pk>/certificates/", roster.certificates_issue, name="certificates_issue"),
    path("<int:pk>/check-in/", check_in.check_in, name="check_in"),
    path(
        "<int:pk>/check-in/<int:registration_pk>/",
        check_in.check_in_toggle,
        name="check_in_toggle",
    ),
    path(
        "<int:pk>/check-in/code/<trainings_token:token>/",
        check_in.check_in_code,
        name="check_in_code",
    ),
    path("<int:pk>/plans/", follow_up.action_plans, name="action_plans"),
    path("<int:pk>/follow-up/", follow_up.follow_up_status, name="follow_up_status"),
    path("<int:pk>/follow-up/chase/", follow_up.follow_up_chase, name="follow_up_chase"),
    path("<int:pk>/cascade/new/", follow_up.cascade_create, name="cascade_create"),
]
