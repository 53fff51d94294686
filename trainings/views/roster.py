"""Staff pages of one session's people: the roster, the waiting list, approvals, moves, and the
generated files (sign-in sheet, roster export, certificates), each a job."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import MoveForm
from ..models import Registration, TrainingSession
from ..permissions import can_manage_session

Status = Registration.Status
MOVE_CHOICES = 20


def _session():
    return TrainingSession.objects.select_related("center", "region")


@dataclass(frozen=True)
class RosterLine:
    """One participant's line, formatted once in Python: forty lines of template lookups cost
    more than the page's queries."""

    pk: int
    name: str
    position: str
    organization: str
    contact: str
    days: int
    registered: str
    waitlist_position: int | None


def roster_lines(session, rows) -> list[RosterLine]:
    return [
        RosterLine(
            pk=row.pk,
            name=row.name,
            position=row.position,
            organization=row.organization.display_name,
            contact=" · ".join(part for part in (row.email, row.phone) if part),
            days=row.days_attended,
            registered=f"{timezone.localtime(row.created_at):%Y-%m-%d %H:%M}",
            waitlist_position=row.waitlist_position,
        )
        for row in rows
    ]


@object_view(_session, allowed=can_manage_session)
def roster(request, session):
    lists = selectors.session_roster_lists(session=session)
    context = {
        "session": session,
        "confirmed": roster_lines(session, lists.confirmed),
        "waitlisted": roster_lines(session, lists.waitlisted),
        "pending": roster_lines(session, lists.pending),
        # The next sessions of the center, the same few options on every row.
        "move_targets": list(
            MoveForm(session=session)
            .fields["to_session"]
            .queryset.only("pk", "title", "title_zh", "starts_on")[:MOVE_CHOICES]
        ),
    }
    return render(request, "trainings/roster.html", context)


def _act(request, session, action, done: str):
    """Apply `action` to the registration the form names (its `registration` field): the roster's
    tables are one form each, every row's button naming its registration."""
    try:
        registration = session.registrations.select_related("session__center", "organization").get(
            pk=int(request.POST.get("registration", ""))
        )
        action(registration)
    except (Registration.DoesNotExist, ValueError):
        messages.error(request, _("This registration is not part of the session."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": registration.name})
    return redirect("trainings:roster", session.pk)


@object_view(_session, allowed=can_manage_session)
@require_POST
def registration_approve(request, session):
    return _act(
        request,
        session,
        lambda r: services.registration_approve(registration=r, by=request.user),
        _("%(name)s is approved."),
    )


@object_view(_session, allowed=can_manage_session)
@require_POST
def registration_cancel_by_staff(request, session):
    return _act(
        request,
        session,
        lambda r: services.registration_cancel(registration=r, by=request.user),
        _("%(name)s's registration is cancelled."),
    )


@object_view(_session, allowed=can_manage_session)
@require_POST
def registration_move(request, session):
    """The roster's move form: a participant (registration) and the session to move them to."""
    form = MoveForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _("Choose the participant and the session to move to."))
        return redirect("trainings:roster", session.pk)
    target = form.cleaned_data["to_session"]
    return _act(
        request,
        session,
        lambda r: services.registration_move(registration=r, to_session=target, by=request.user),
        _("%(name)s is moved."),
    )


def _job(request, session, request_service):
    report = request_service(session=session, by=request.user, language=get_language())
    return redirect("report_detail", pk=report.pk)


@object_view(_session, allowed=can_manage_session)
@require_POST
def sign_in_sheet(request, session):
    return _job(request, session, services.sign_in_sheet_request)


@object_view(_session, allowed=can_manage_session)
@require_POST
def roster_export(request, session):
    return _job(request, session, services.roster_export_request)


@object_view(_session, allowed=can_manage_session)
@require_POST
def certificates_issue(request, session):
    reports = services.certificates_request(
        session=session, by=request.user, language=get_language()
    )
    if not reports:
        messages.info(request, _("No participant is waiting for a certificate."))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s certificate is being made; it is e-mailed when ready.",
                "%(count)s certificates are being made; each is e-mailed when ready.",
                len(reports),
            )
            % {"count": len(reports)},
        )
    return redirect("trainings:roster", session.pk)
