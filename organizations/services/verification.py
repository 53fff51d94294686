"""Staff verification of an organization: a center has checked its registration and records."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..models import Organization
from ..permissions import can_verify_organization


@transaction.atomic
def organization_verify(*, organization: Organization, by) -> Organization:
    """Mark the organization verified by `by` now; verifying it again keeps the first record.

    Side effects: one history row (who and when) through django-simple-history.
    """
    if not can_verify_organization(by, organization):
        raise PermissionDenied
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.verified_at is not None:
        return organization
    organization.verified_by = by
    organization.verified_at = timezone.now()
    organization._history_user = by
    organization.full_clean()
    organization.save(update_fields=["verified_by", "verified_at", "updated_at"])
    return organization


@transaction.atomic
def organization_unverify(*, organization: Organization, by) -> Organization:
    """Withdraw the verification (the history keeps who verified it, and who withdrew it)."""
    if not can_verify_organization(by, organization):
        raise PermissionDenied
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.verified_at is None:
        return organization
    organization.verified_by = None
    organization.verified_at = None
    organization._history_user = by
    organization.full_clean()
    organization.save(update_fields=["verified_by", "verified_at", "updated_at"])
    return organization
