"""The organization directory: public profiles for everyone, every organization for staff."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from ..filters import SORT_CHOICES, OrganizationFilter
from ..models import Organization
from ..permissions import can_export_organizations, can_view_coverage
from ..selectors import organization_directory_page
from ..vocabularies import GrowthStage, LegalForm, McaGrade

RESULTS_TEMPLATE = "organizations/partials/directory_results.html"


def query_string(params, **changes) -> str:
    """The current GET parameters with some replaced (None removes one), URL-encoded."""
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


@dataclass(frozen=True)
class DirectoryRow:
    """What the table shows of one organization, as text in the page's language."""

    url: str
    name_zh: str
    name_en: str
    legal_form: str
    where: str
    community: str
    growth_stage: str
    mca_grade: str
    is_verified: bool


def directory_rows(organizations: list[Organization]) -> list[DirectoryRow]:
    """The table's rows. Each label is translated once per page, not once per row and choice:
    `get_FOO_display` translates every choice of the field to look one up."""
    labels = {
        vocabulary: {value: str(label) for value, label in vocabulary.choices}
        for vocabulary in (LegalForm, GrowthStage, McaGrade)
    }
    return [
        DirectoryRow(
            url=reverse("organizations:organization_detail", args=[organization.pk]),
            name_zh=organization.name_zh,
            name_en=organization.name_en,
            legal_form=labels[LegalForm].get(organization.legal_form, organization.legal_form),
            where=_where(organization.region),
            community=organization.community.display_name if organization.community else "",
            growth_stage=labels[GrowthStage].get(organization.growth_stage, ""),
            mca_grade=labels[McaGrade].get(organization.mca_grade, ""),
            is_verified=organization.is_verified,
        )
        for organization in organizations
    ]


def _where(region) -> str:
    """County · city · province, as far as the region goes (the selector joined three levels)."""
    names = []
    for _level in range(3):
        if region is None:
            break
        names.append(region.display_name)
        region = region.parent
    return " · ".join(names)


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
        "rows": directory_rows(page.organizations),
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
