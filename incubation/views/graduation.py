"""Graduation: who meets the cohort's criteria; graduate (certificate job) or extend."""

from django.shortcuts import render

from ngo_portal.permissions import object_view

from .. import selectors
from ..forms import ExtendForm
from ..models import Cohort
from ..permissions import can_manage_cohort, can_view_cohort
from .paths import with_paths


def _cohorts():
    return Cohort.objects.select_related("center")


@object_view(_cohorts, visible=can_view_cohort, allowed=can_manage_cohort)
def graduation(request, cohort):
    rows = selectors.graduation_rows(cohort=cohort, user=request.user)
    with_paths(
        [row.enrollment for row in rows],
        detail_url="incubation:enrollment_detail",
        graduate_url="incubation:enrollment_graduate",
        extend_url="incubation:enrollment_extend",
    )
    return render(
        request,
        "incubation/graduation.html",
        {"cohort": cohort, "rows": rows, "extend_form": ExtendForm()},
    )
