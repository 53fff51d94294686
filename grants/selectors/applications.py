from django.db.models import F, Prefetch, Q, QuerySet

from organizations.models import OrganizationMembership
from organizations.permissions import organization_roles

from ..filters import ApplicationFilter
from ..models import GrantApplication, InformationRequest, ReviewAssignment
from .rounds import staff_center_ids

# What a list row shows: reading the organization's forty columns for two names cost more
# than the query itself.
LIST_COLUMNS = (
    *("title", "status", "requested_total", "average_score", "review_count", "organization_id"),
    *("organization__name_zh", "organization__name_en", "round_id"),
    *("round__title", "round__title_zh", "round__center"),
)


def application_list(*, user, filters) -> QuerySet[GrantApplication]:
    """The applications the user may see: their centers' (staff) and their organizations'
    (members), filtered by round and status; drafts only to their own organization."""
    centers = staff_center_ids(user)
    organizations = list(organization_roles(user))
    visible = Q(organization_id__in=organizations)
    if centers:
        visible |= Q(round__center_id__in=centers) & ~Q(status=GrantApplication.Status.DRAFT)
    applications = (
        GrantApplication.objects.filter(visible)
        .select_related("round", "organization")
        .only(*LIST_COLUMNS)
    )
    return ApplicationFilter(filters, queryset=applications).qs


def application_ranking(*, funding_round) -> QuerySet[GrantApplication]:
    """Submitted and decided applications of a round, best weighted average first; unreviewed
    ones last."""
    return (
        GrantApplication.objects.filter(round=funding_round)
        .exclude(status__in=(GrantApplication.Status.DRAFT, GrantApplication.Status.WITHDRAWN))
        .select_related("organization")
        .only(*LIST_COLUMNS[:-3])
        .order_by(F("average_score").desc(nulls_last=True), "pk")
    )


def application_for_organization(*, funding_round, organization_id) -> GrantApplication | None:
    """The organization's live (not withdrawn) application to the round, if any."""
    return (
        GrantApplication.objects.filter(round=funding_round, organization_id=organization_id)
        .exclude(status=GrantApplication.Status.WITHDRAWN)
        .select_related("round", "organization")
        .first()
    )


def application_detail() -> QuerySet[GrantApplication]:
    """For object_view: the application with what every page about it shows."""
    return GrantApplication.objects.select_related(
        "round__center", "round__fund", "organization", "region"
    ).prefetch_related(
        "budget_lines",
        "attachments",
        Prefetch(
            "information_requests",
            queryset=InformationRequest.objects.select_related("asked_by", "answered_by"),
        ),
    )


def application_assignments(application) -> list[ReviewAssignment]:
    return list(
        application.assignments.select_related("reviewer", "review").prefetch_related(
            "review__scores__criterion"
        )
    )


def application_recipients(application) -> list[tuple[str, object]]:
    """(e-mail, user) of who hears about the application: whoever created it, and the owners
    and admins of the organization, each once."""
    memberships = OrganizationMembership.objects.filter(
        organization_id=application.organization_id,
        state=OrganizationMembership.State.ACTIVE,
    ).select_related("user")
    recipients = {}
    for membership in memberships:
        if membership.user_id == application.created_by_id or membership.role in ("owner", "admin"):
            recipients.setdefault(membership.user.email, membership.user)
    return list(recipients.items())


def user_organizations(user):
    """The organizations the user is an active member of, by name."""
    from organizations.models import Organization

    return Organization.objects.filter(pk__in=list(organization_roles(user))).order_by(
        "name_zh", "pk"
    )
