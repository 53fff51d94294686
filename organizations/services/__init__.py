"""Every write of the organizations app; import from here, not from the modules inside."""

from .documents import MAX_DOCUMENT_BYTES, document_file_errors, document_upload
from .invitations import (
    invitation_accept,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
    membership_invite,
)
from .membership import (
    membership_approve,
    membership_change_role,
    membership_decline,
    membership_leave,
    membership_remove,
    membership_request,
)
from .profile import PROFILE_FIELDS, organization_create, organization_update
from .verification import organization_unverify, organization_verify

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "PROFILE_FIELDS",
    "document_file_errors",
    "document_upload",
    "invitation_accept",
    "invitation_decline",
    "invitation_resend",
    "invitation_revoke",
    "membership_approve",
    "membership_change_role",
    "membership_decline",
    "membership_invite",
    "membership_leave",
    "membership_remove",
    "membership_request",
    "organization_create",
    "organization_unverify",
    "organization_update",
    "organization_verify",
]
