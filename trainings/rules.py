"""The trainings rules, each in one function: derived fields, the registration window, the
cancellation deadline, eligibility and the follow-up's due date.

Forms, services, the demo data, the bench seed and the test factories call these, so a rule and
its message exist once.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubation.selectors import capacity_area_choices, is_enrolled

from .models import MAX_SESSION_DAYS, Registration, TrainingSession

Status = TrainingSession.Status


def province_code(region_code: str) -> str:
    """The province of a GB/T 2260 code: its first two digits and four zeros ("" for none)."""
    return region_code[:2] + "0000" if region_code else ""


def session_derive_fields(session: TrainingSession) -> None:
    """The region code the calendar filters on (a province is a code range, no join)."""
    session.region_code = session.region.code if session.region_id else ""


def session_rule_errors(session: TrainingSession) -> dict[str, list[str]]:
    """{field: [messages]} for what no single field can check."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if session.starts_on and session.ends_on and session.ends_on < session.starts_on:
        add("ends_on", _("The last day cannot be before the first day."))
    elif session.starts_on and session.ends_on and len(session.days) > MAX_SESSION_DAYS:
        add("ends_on", _("A session lasts at most %(days)s days.") % {"days": MAX_SESSION_DAYS})
    opens, closes = session.registration_opens, session.registration_closes
    if opens and closes and closes < opens:
        add("registration_closes", _("Registration cannot close before it opens."))
    if closes and session.ends_on and timezone.localdate(closes) > session.ends_on:
        add("registration_closes", _("Registration must close by the session's last day."))
    deadline = session.cancellation_deadline
    if deadline and session.ends_on and timezone.localdate(deadline) > session.ends_on:
        add("cancellation_deadline", _("Cancellations must end by the session's last day."))
    needed = session.certificate_min_days
    ordered = session.starts_on and session.ends_on and session.ends_on >= session.starts_on
    if needed and ordered and needed > len(session.days):  # nobody could earn the certificate
        days = len(session.days)
        add(
            "certificate_min_days",
            ngettext(
                "The session has only %(days)s day.", "The session has only %(days)s days.", days
            )
            % {"days": days},
        )
    cap = session.per_organization_cap
    if cap and session.capacity and cap > session.capacity:
        add("per_organization_cap", _("An organization cannot have more places than the session."))
    if session.capacity is not None and session.capacity < session.confirmed_count:
        add(
            "capacity",
            _(
                "%(count)s participants are already confirmed: the session needs at least as many seats."
            )
            % {"count": session.confirmed_count},
        )
    program = session.program
    if program is not None and session.number and session.number > program.planned_sessions:
        add(
            "number",
            _("The program plans %(count)s sessions.") % {"count": program.planned_sessions},
        )
    if program is not None and session.center_id and program.center_id != session.center_id:
        add("program", _("The program belongs to another center."))
    known = {key for key, _name in capacity_area_choices()}
    unknown = [topic for topic in session.topics if topic not in known]
    if unknown:
        add("topics", _("Unknown topics: %(topics)s") % {"topics": ", ".join(unknown)})
    return errors


def session_validate(session: TrainingSession) -> None:
    errors = session_rule_errors(session)
    if errors:
        raise ValidationError(errors)


def registration_window_error(session: TrainingSession, now=None) -> str | None:
    """Why members cannot register now, or None: the session must be published and its
    registration window open."""
    now = now or timezone.now()
    if session.status != Status.PUBLISHED:
        return _("This session is not open for registration.")
    if now < session.registration_opens:
        return _("Registration opens on %(date)s.") % {
            "date": timezone.localtime(session.registration_opens).strftime("%Y-%m-%d %H:%M")
        }
    if now > session.registration_closes:
        return _("Registration for this session has closed.")
    return None


def cancellation_error(registration: Registration, now=None) -> str | None:
    """Why a member cannot cancel, or None: only an active registration, until the deadline
    (staff may cancel at any time; the service decides who asks)."""
    if not registration.is_active:
        return _("This registration is already cancelled.")
    deadline = registration.session.effective_cancellation_deadline
    if (now or timezone.now()) > deadline:
        return _("Cancellations closed on %(date)s: please contact the organizers.") % {
            "date": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")
        }
    return None


def eligibility_errors(session: TrainingSession, organization) -> list[str]:
    """The session's eligibility rules the organization fails: province, legal form, cohort."""
    errors = []
    if session.eligible_provinces and (
        province_code(organization.region_code) not in session.eligible_provinces
    ):
        errors.append(_("This session is for organizations of other provinces."))
    if session.eligible_legal_forms and organization.legal_form not in session.eligible_legal_forms:
        errors.append(_("This session is not open to organizations of this legal form."))
    if session.eligible_cohort_id and not is_enrolled(organization.pk, session.eligible_cohort_id):
        errors.append(
            _("This session is only for organizations enrolled in %(cohort)s.")
            % {"cohort": session.eligible_cohort}
        )
    return errors


def follow_up_due_date(session: TrainingSession) -> datetime.date:
    """The follow-up is due `follow_up_months` after the session's last day."""
    return session.ends_on + relativedelta(months=session.follow_up_months)


def certificate_earned(session: TrainingSession, days_attended: int) -> bool:
    """The session's rule: enough days attended (by default every day)."""
    return days_attended >= session.days_for_certificate


def evaluation_open(session) -> bool:
    """Feedback is about a training that took place: from its last day on, or once staff have
    completed it; never for a cancelled one."""
    if session.status == session.Status.CANCELLED:
        return False
    return session.status == session.Status.COMPLETED or session.ends_on <= timezone.localdate()
