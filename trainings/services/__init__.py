"""Every write of the trainings app; import from here, not from the modules inside."""

from .attendance import (
    attendance_check_in,
    attendance_undo,
    certificate_render,
    certificate_verification_url,
)
from .cascade import cascade_training_record
from .follow_up import (
    action_plan_save,
    evaluation_submit,
    follow_up_chase,
    follow_up_reminders_send,
    follow_up_respond,
)
from .registration import (
    Participant,
    registration_approve,
    registration_cancel,
    registration_move,
    registration_withdraw,
    registrations_create,
    session_lock,
    sessions_recount,
    waitlist_promote,
)
from .reports import certificates_request, roster_export_request, sign_in_sheet_request
from .sessions import program_save, session_complete, session_save, sessions_complete_ended

__all__ = [
    "Participant",
    "action_plan_save",
    "attendance_check_in",
    "attendance_undo",
    "cascade_training_record",
    "certificate_render",
    "certificate_verification_url",
    "certificates_request",
    "evaluation_submit",
    "follow_up_chase",
    "follow_up_reminders_send",
    "follow_up_respond",
    "program_save",
    "registration_approve",
    "registration_cancel",
    "registration_move",
    "registration_withdraw",
    "registrations_create",
    "roster_export_request",
    "session_complete",
    "session_lock",
    "session_save",
    "sessions_complete_ended",
    "sessions_recount",
    "sign_in_sheet_request",
    "waitlist_promote",
]
