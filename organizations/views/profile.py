"""Registering an organization, its profile page and editing it."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import require

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
from ..vocabularies import BeneficiaryGroup, ServiceArea


def organization_view(predicate, *, visible=can_view_organization_details):
    """Load the organization named by `pk` and answer as everywhere in the portal: no login →
    the login page; an organization the user may not see → 404; seen but `predicate` refuses →
    403. The view receives the organization instead of `pk`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organization = get_object_or_404(Organization, pk=pk)
            if not visible(request.user, organization):
                raise Http404
            if not predicate(request.user, organization):
                raise PermissionDenied
            return view(request, organization, *args, **kwargs)

        return wrapper

    return decorator


def _bound_form(request, **kwargs) -> tuple[OrganizationForm, bool]:
    """The form and whether to save it: "update the community list" re-shows what was typed."""
    if request.method != "POST":
        return OrganizationForm(**kwargs), False
    if "refresh_communities" in request.POST:
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


@organization_view(can_edit_organization)
def organization_edit(request, organization):
    form, submitted = _bound_form(request, instance=organization)
    if submitted and form.is_valid():
        try:
            services.organization_update(
                organization=organization, user=request.user, data=form.profile_data()
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
def community_options(request):
    """The community select for the county chosen in the region select (swapped in by htmx)."""
    form = OrganizationForm(initial={"region": request.GET.get("region")})
    return render(request, "organizations/partials/profile_community_field.html", {"form": form})


def organization_detail(request, pk):
    organization = get_object_or_404(
        Organization.objects.select_related("region__parent__parent", "community", "verified_by"),
        pk=pk,
    )
    user = request.user
    if not can_view_organization(user, organization):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
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
