"""Cohort lists and pages: the public list of calls, the home page's open calls, a cohort's
overview for its staff."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ngo_portal.models import CenterMembership
from ngo_portal.permissions import center_roles, is_center_staff
from organizations.permissions import organization_roles

from ..filters import CohortFilter
from ..models import Cohort, CohortApplication, Enrollment

PAGE_SIZE = 25


def _visible(user) -> Q:
    """Published cohorts, and the drafts of centers where the user is staff."""
    visible = ~Q(status=Cohort.Status.DRAFT)
    if not user.is_authenticated:
        return visible
    if user.is_superuser:
        return Q()
    staff_of = [
        center_id
        for center_id, role in center_roles(user).items()
        if role in CenterMembership.STAFF_ROLES
    ]
    return visible | Q(center_id__in=staff_of)


def cohort_list(*, user, filters) -> tuple[CohortFilter, QuerySet[Cohort]]:
    """(the bound filter set, the visible cohorts it selects), newest first, with the number
    of enrollments: two queries per page (count and rows) whatever the number of cohorts."""
    queryset = (
        Cohort.objects.filter(_visible(user))
        .select_related("center")
        .annotate(
            enrolled=Count(
                "enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN)
            )
        )
        .order_by("-starts_on", "pk")
    )
    filterset = CohortFilter(filters, queryset=queryset)
    return filterset, filterset.qs


def cohort_page(queryset: QuerySet, number) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def open_calls(*, limit: int = 5) -> list[Cohort]:
    """Cohorts taking applications today, closing soonest first (the home page's section)."""
    today = timezone.localdate()
    return list(
        Cohort.objects.filter(
            status=Cohort.Status.OPEN, call_opens__lte=today, call_closes__gte=today
        )
        .select_related("center")
        .order_by("call_closes", "pk")[:limit]
    )


@dataclass
class CohortOverview:
    applications: dict[str, int]
    enrolled: int
    seats_left: int


def cohort_overview(*, cohort: Cohort) -> CohortOverview:
    counts = dict(
        CohortApplication.objects.filter(cohort=cohort)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    enrolled = cohort.enrollments.exclude(status=Enrollment.Status.WITHDRAWN).count()
    return CohortOverview(
        applications=counts, enrolled=enrolled, seats_left=max(cohort.capacity - enrolled, 0)
    )


def applying_organizations(*, user, cohort: Cohort) -> list[tuple[int, CohortApplication | None]]:
    """The user's organizations (ids) with their application to the cohort, if any."""
    ids = list(organization_roles(user))
    existing = {
        app.organization_id: app
        for app in CohortApplication.objects.filter(cohort=cohort, organization_id__in=ids)
    }
    return [(pk, existing.get(pk)) for pk in ids]


def can_see_all_cohorts(user) -> bool:
    return is_center_staff(user)


def my_cohort_places(*, user, cohort: Cohort) -> dict:
    """The user's organizations' applications to and enrollments in the cohort."""
    ids = list(organization_roles(user)) if user.is_authenticated else []
    if not ids:
        return {"applications": [], "enrollments": []}
    return {
        "applications": list(
            CohortApplication.objects.filter(cohort=cohort, organization_id__in=ids)
            .select_related("organization")
            .order_by("pk")
        ),
        "enrollments": list(
            Enrollment.objects.filter(cohort=cohort, organization_id__in=ids)
            .select_related("organization")
            .order_by("pk")
        ),
    }
