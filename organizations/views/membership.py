"""Joining, the members page (requests, invitations, roles, removal), leaving, invitations."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import InvitationResponseForm, MembershipInviteForm, MembershipRoleForm
from ..models import Organization, OrganizationMembership
from ..permissions import (
    can_change_member_roles,
    can_leave_organization,
    can_manage_members,
    can_remove_member,
    can_request_to_join,
    can_view_organization,
    can_view_organization_details,
)

State = OrganizationMembership.State
# secrets.token_urlsafe(32) makes 43 of these; the column holds 64.
INVITATION_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _membership(organization, membership_pk, state) -> OrganizationMembership:
    membership = get_object_or_404(
        OrganizationMembership.objects.select_related("user"),
        pk=membership_pk,
        organization=organization,
        state=state,
    )
    membership.organization = organization
    return membership


def _act(request, action, success: str) -> bool:
    """Run a service; its refusal (a ValidationError) becomes an error message on the page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def _back(request, organization):
    """To the members page, or to the profile when the user no longer manages members (the
    service has cleared the request's role cache, so this sees the new role)."""
    if can_manage_members(request.user, organization):
        return redirect("organizations:membership_list", organization.pk)
    return redirect("organizations:organization_detail", organization.pk)


@object_view(Organization, visible=can_view_organization, allowed=can_request_to_join)
def membership_request(request, organization):
    if request.method == "POST":
        _act(
            request,
            lambda: services.membership_request(organization=organization, user=request.user),
            _("Your request has been sent to the organization's managers."),
        )
        return redirect("organizations:organization_detail", organization.pk)
    requested = selectors.membership_is_requested(organization=organization, user=request.user)
    return render(
        request,
        "organizations/membership_request.html",
        {"organization": organization, "already_requested": requested},
    )


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
def membership_list(request, organization):
    allow_owner = can_change_member_roles(request.user, organization)
    form = MembershipInviteForm(
        request.POST or None, allow_owner=allow_owner, language=get_language()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_invite(
                organization=organization, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("An invitation is on its way to %(email)s.") % form.cleaned_data
            )
            return redirect("organizations:membership_list", organization.pk)
    context = {"organization": organization, "form": form, "can_change_roles": allow_owner}
    return render(
        request, "organizations/membership_list.html", context | _members(request, organization)
    )


def _members(request, organization) -> dict:
    rows = selectors.organization_membership_rows(organization=organization)
    active = rows["members"]
    for membership in active:
        membership.organization = organization
        membership.removable = can_remove_member(request.user, membership)
        membership.role_form = MembershipRoleForm(
            initial={"role": membership.role}, prefix=f"m{membership.pk}"
        )
    return rows


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
@require_POST
def membership_approve(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.REQUESTED)
    _act(
        request,
        lambda: services.membership_approve(membership=membership, by=request.user),
        _("%(name)s is now a member.") % {"name": membership.user},
    )
    return redirect("organizations:membership_list", organization.pk)


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
@require_POST
def membership_decline(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.REQUESTED)
    _act(
        request,
        lambda: services.membership_decline(membership=membership, by=request.user),
        _("The request of %(name)s is declined.") % {"name": membership.user},
    )
    return redirect("organizations:membership_list", organization.pk)


@object_view(Organization, visible=can_view_organization_details, allowed=can_change_member_roles)
@require_POST
def membership_change_role(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.ACTIVE)
    form = MembershipRoleForm(request.POST, prefix=f"m{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("organizations:membership_list", organization.pk)
    role = form.cleaned_data["role"]
    _act(
        request,
        lambda: services.membership_change_role(membership=membership, role=role, by=request.user),
        _("%(name)s is now %(role)s.")
        % {"name": membership.user, "role": OrganizationMembership.Role(role).label},
    )
    return _back(request, organization)


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
@require_POST
def membership_remove(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.ACTIVE)
    if not can_remove_member(request.user, membership):
        raise PermissionDenied
    _act(
        request,
        lambda: services.membership_remove(membership=membership, by=request.user),
        _("%(name)s is no longer a member.") % {"name": membership.user},
    )
    return redirect("organizations:membership_list", organization.pk)


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
@require_POST
def invitation_revoke(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.INVITED)
    _act(
        request,
        lambda: services.invitation_revoke(membership=membership, by=request.user),
        _("The invitation to %(email)s is withdrawn.") % {"email": membership.invited_email},
    )
    return redirect("organizations:membership_list", organization.pk)


@object_view(Organization, visible=can_view_organization_details, allowed=can_manage_members)
@require_POST
def invitation_resend(request, organization, membership_pk):
    membership = _membership(organization, membership_pk, State.INVITED)
    _act(
        request,
        lambda: services.invitation_resend(membership=membership, by=request.user),
        _("The invitation to %(email)s is being sent again.") % {"email": membership.invited_email},
    )
    return redirect("organizations:membership_list", organization.pk)


@object_view(Organization, visible=can_view_organization_details, allowed=can_leave_organization)
def membership_leave(request, organization):
    if request.method == "POST":
        left = _act(
            request,
            lambda: services.membership_leave(organization=organization, user=request.user),
            _("You have left %(organization)s.") % {"organization": organization},
        )
        if left and not can_view_organization(request.user, organization):
            return redirect("home")
        return redirect("organizations:organization_detail", organization.pk)
    return render(request, "organizations/membership_leave.html", {"organization": organization})


@login_required
def invitation_respond(request, token):
    if not INVITATION_TOKEN.fullmatch(token):  # never a query with NUL or 10,000 characters
        raise Http404
    membership = get_object_or_404(
        OrganizationMembership.objects.select_related("organization", "invited_by"),
        invitation_token=token,
    )
    organization = membership.organization
    if membership.state == State.ACTIVE and membership.user_id == request.user.pk:
        return redirect("organizations:organization_detail", organization.pk)
    if membership.state != State.INVITED:
        raise Http404
    answer = {"membership": membership, "user": request.user}
    form = InvitationResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "accept":
            welcome = _("Welcome to %(organization)s.") % {"organization": organization}
            if _act(request, lambda: services.invitation_accept(**answer), welcome):
                return redirect("organizations:organization_detail", organization.pk)
        elif _act(
            request,
            lambda: services.invitation_decline(**answer),
            _("You declined the invitation."),
        ):
            return redirect("home")
    matches = request.user.email.casefold() == membership.invited_email.casefold()
    context = {
        "membership": membership,
        "organization": organization,
        "email_matches": matches,
        "masked_email": _masked(membership.invited_email),
    }
    return render(
        request,
        "organizations/invitation_respond.html",
        context,
        status=200 if matches else 403,
    )


def _masked(email: str) -> str:
    """j***@example.org: enough for the invitee to recognise, little for a forwarded link."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"
