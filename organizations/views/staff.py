"""Staff pages: verifying an organization, and community coverage against the national targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import require

from ..models import Organization
from ..permissions import can_verify_organization, can_view_coverage
from ..selectors import COVERAGE_TARGETS, community_coverage
from ..services import organization_unverify, organization_verify


def _change_verification(request, pk, service, done_message):
    organization = get_object_or_404(Organization, pk=pk)
    try:
        service(organization=organization, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("Correct this profile first: %(errors)s") % {"errors": " ".join(error.messages)},
        )
    else:
        messages.success(request, done_message % {"name": organization.name_zh})
    return redirect("organizations:organization_detail", pk)


@require_POST
@require(can_verify_organization)
def verify(request, pk):
    return _change_verification(
        request, pk, organization_verify, _("%(name)s is marked as verified.")
    )


@require_POST
@require(can_verify_organization)
def unverify(request, pk):
    return _change_verification(
        request, pk, organization_unverify, _("%(name)s is no longer marked as verified.")
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
