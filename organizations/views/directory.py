"""The organization directory: public profiles for everyone, every organization for staff."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from ..filters import SORT_CHOICES, OrganizationFilter
from ..permissions import can_export_organizations, can_view_coverage
from ..selectors import organization_directory_page

RESULTS_TEMPLATE = "organizations/partials/directory_results.html"


def query_string(params, **changes) -> str:
    """The current GET parameters with some replaced (None removes one), URL-encoded."""
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


def organization_list(request):
    """Open to everyone; the selector limits the rows to what the user may see."""
    filterset = OrganizationFilter(request.GET, user=request.user)
    page = organization_directory_page(
        user=request.user, filters=filterset, after=request.GET.get("after")
    )
    params = filterset.form.data  # the GET parameters, a stale region choice dropped
    # htmx asks for the results alone (they carry the dependent filter fields out of band);
    # restoring history, and browsers without JavaScript, get the whole page.
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "partial": partial,
        "sort": filterset.sort_order,
        "sort_links": [
            (value, label, query_string(params, sort=value, after=None))
            for value, label in SORT_CHOICES
        ],
        "first_query": query_string(params, after=None),
        "next_query": query_string(params, after=page.next_cursor) if page.next_cursor else "",
        "can_export": can_export_organizations(request.user),
        "can_view_coverage": can_view_coverage(request.user),
    }
    template = RESULTS_TEMPLATE if partial else "organizations/organization_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
