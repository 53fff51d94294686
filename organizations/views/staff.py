"""Staff pages: verifying an organization, and community coverage against the national targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view, require

from ..models import Organization
from ..permissions import can_verify_organization, can_view_coverage
from ..selectors import COVERAGE_TARGETS, community_coverage
from ..services import organization_unverify, organization_verify


def _change_verification(request, organization, service, done_message):
    try:
        service(organization=organization, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("Correct this profile first: %(errors)s") % {"errors": " ".join(error.messages)},
        )
    else:
        messages.success(request, done_message % {"name": organization.name_zh})
    return redirect("organizations:organization_detail", organization.pk)


# The login and permission checks come before the method check: an anonymous GET goes to the
# login page (not a 405), a member's GET is refused (403) before it learns the method.
@object_view(Organization, allowed=can_verify_organization)
@require_POST
def verify(request, organization):
    return _change_verification(
        request, organization, organization_verify, _("%(name)s is marked as verified.")
    )


@object_view(Organization, allowed=can_verify_organization)
@require_POST
def unverify(request, organization):
    return _change_verification(
        request, organization, organization_unverify, _("%(name)s is no longer marked as verified.")
    )


@require(can_view_coverage)
def coverage(request):
    report = community_coverage(filters=request.GET, page_number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/coverage.html",
        {
            "report": report,
            "filterset": report.filterset,
            "form": report.filterset.form,
            "targets": COVERAGE_TARGETS,
            "page_query": query.urlencode(),
        },
    )
