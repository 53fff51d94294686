"""Registering an organization, its profile page and editing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..forms import OrganizationForm
from ..models import Organization, OrganizationMembership
from ..permissions import (
    can_edit_organization,
    can_leave_organization,
    can_manage_members,
    can_register_organization,
    can_request_to_join,
    can_verify_organization,
    can_view_documents,
    can_view_organization,
    can_view_organization_details,
    organization_role,
)
from ..region_fields import REFRESH_BUTTON
from ..vocabularies import BeneficiaryGroup, ServiceArea


def _bound_form(request, **kwargs) -> tuple[OrganizationForm, bool]:
    """The form and whether to save it: "update the lists" re-shows what was typed."""
    if request.method != "POST":
        return OrganizationForm(**kwargs), False
    if REFRESH_BUTTON in request.POST:
        return OrganizationForm(
            initial=OrganizationForm.initial_from(request.POST), **kwargs
        ), False
    return OrganizationForm(request.POST, **kwargs), True


@require(can_register_organization)
def organization_create(request):
    form, submitted = _bound_form(request, duplicate_check=True, user=request.user)
    if submitted and form.is_valid():
        try:
            organization = services.organization_create(user=request.user, data=form.profile_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your organization is registered. You are its owner."))
            return redirect("organizations:organization_detail", organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "creating": True})


@object_view(Organization, visible=can_view_organization_details, allowed=can_edit_organization)
def organization_edit(request, organization):
    form, submitted = _bound_form(request, instance=organization)
    if submitted and form.is_valid():
        try:
            services.organization_update(
                organization=organization, by=request.user, data=form.profile_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("organizations:organization_detail", organization.pk)
    return render(
        request,
        "organizations/organization_form.html",
        {"form": form, "organization": organization},
    )


@require(can_register_organization)
def place_fields(request):
    """The province, city and county selects and the community select for what is chosen so far
    (swapped in by htmx after each change)."""
    form = OrganizationForm(initial=OrganizationForm.initial_from(request.GET))
    return render(request, "organizations/partials/profile_place_fields.html", {"form": form})


def _with_profile_relations():
    return Organization.objects.select_related("region__parent__parent", "community", "verified_by")


@object_view(_with_profile_relations, visible=can_view_organization, public=True)
def organization_detail(request, organization):
    """Public profiles are open to anonymous visitors; a private one sends them to log in."""
    user = request.user
    full = can_view_organization_details(user, organization)
    role = organization_role(user, organization)
    context = {
        "organization": organization,
        "full_profile": full,
        "role": OrganizationMembership.Role(role).label if role else None,
        "can": _abilities(user, organization),
        "join_requested": selectors.membership_is_requested(organization=organization, user=user),
        "service_areas": _labels(ServiceArea.choices, organization.service_areas),
        "beneficiary_groups": _labels(BeneficiaryGroup.choices, organization.beneficiary_groups),
        "funding_known": any(percent for _label, percent in organization.funding_mix),
        "team": selectors.organization_team(organization=organization) if full else [],
        "recent_changes": selectors.organization_recent_changes(organization=organization)
        if full
        else [],
    }
    return render(request, "organizations/organization_detail.html", context)


def _abilities(user, organization) -> dict[str, bool]:
    return {
        "edit": can_edit_organization(user, organization),
        "manage_members": can_manage_members(user, organization),
        "view_documents": can_view_documents(user, organization),
        "join": can_request_to_join(user, organization),
        "leave": can_leave_organization(user, organization),
        "verify": can_verify_organization(user, organization),
    }


def _labels(choices, values) -> list[str]:
    names = dict(choices)
    return [names.get(value, value) for value in values]
