"""The grants and campaigns part of the staff dashboard, and grant reports for the weekly digest.

Applications count once submitted (drafts and withdrawn ones do not), in rounds of the scope's
centers, by their submission date, for organizations of the region; "awarded" is the sum of the
awards of those applications. Disbursed is what was paid in the period. A report is overdue when
it is due or sent back and its due date has passed. Campaigns count by their start date; their
city is the participation's region (a city's NGOs reported together) or else the
organization's. Money in CNY (Decimal).
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ngo_portal.charts import bar_chart
from ngo_portal.dashboard_sections import DashboardScope, Deadline, Figure, Section, Table
from ngo_portal.models import Region

from .models import (
    Award,
    CampaignParticipation,
    Disbursement,
    Fund,
    GrantApplication,
    GrantReport,
)

TITLE = gettext_lazy("Grants and campaigns")
Status = GrantApplication.Status
COUNTED = (Status.SUBMITTED, Status.MORE_INFORMATION, Status.APPROVED, Status.REJECTED)
ZERO = Decimal("0.00")


def _applications(scope: DashboardScope):
    applications = GrantApplication.objects.filter(
        round__center_id__in=scope.center_ids, status__in=COUNTED
    ).filter(**scope.period_filter("submitted_at__date"))
    if scope.region_code:
        applications = applications.filter(organization__region_code__startswith=scope.region_code)
    return applications.order_by()


def _region_names(codes) -> dict[str, str]:
    return {region.code: region.display_name for region in Region.objects.filter(code__in=codes)}


def grants_section(scope: DashboardScope) -> Section:
    """Figures: applications, requested, awarded, disbursed (CNY), reports overdue, campaign funds
    raised and donors; tables: requested vs awarded by fund source and by city, campaigns by
    city. Nine queries whatever the rows."""
    applications = _applications(scope)
    awarded = Coalesce(Sum("award__amount"), ZERO)
    by_source = {
        row["round__fund__source_type"]: row
        for row in applications.values("round__fund__source_type").annotate(
            applications=Count("pk"), requested=Sum("requested_total"), awarded=awarded
        )
    }
    by_city = list(
        applications.annotate(city=Left("organization__region_code", 4))
        .values("city")
        .annotate(applications=Count("pk"), requested=Sum("requested_total"), awarded=awarded)
        .order_by("-requested", "city")
    )
    totals = {
        "applications": sum(row["applications"] for row in by_source.values()),
        "requested": sum((row["requested"] for row in by_source.values()), ZERO),
        "awarded": sum((row["awarded"] for row in by_source.values()), ZERO),
    }
    awards = Award.objects.filter(round__center_id__in=scope.center_ids)
    if scope.region_code:
        awards = awards.filter(application__organization__region_code__startswith=scope.region_code)
    disbursed = Disbursement.objects.filter(
        award__in=awards.values("pk"), paid_on__isnull=False, **scope.period_filter("paid_on")
    ).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    overdue = GrantReport.objects.filter(
        award__in=awards.values("pk"),
        status__in=GrantReport.EDITABLE,
        due_on__lt=timezone.localdate(),
    ).count()
    participations = CampaignParticipation.objects.filter(
        campaign__center_id__in=scope.center_ids
    ).filter(**scope.period_filter("campaign__starts_on"))
    city_code = Coalesce(Left("region__code", 4), Left("organization__region_code", 4))
    if scope.region_code:
        participations = participations.annotate(
            place=Coalesce("region__code", "organization__region_code")
        ).filter(place__startswith=scope.region_code)
    campaign_totals = participations.aggregate(
        funds=Sum("funds_raised"), donors=Sum("donors"), projects=Sum("projects")
    )
    campaign_cities = list(
        participations.annotate(city=city_code)
        .values("city")
        .annotate(
            funds=Sum("funds_raised"),
            donors=Sum("donors"),
            projects=Sum("projects"),
            organizations=Count("organization", filter=Q(organization__isnull=False))
            + Coalesce(Sum("organization_count"), 0),
        )
        .order_by("city")
    )
    per_campaign = list(
        participations.values("campaign_id", "campaign__name", "campaign__name_zh")
        .annotate(
            funds=Sum("funds_raised"),
            donors=Sum("donors"),
            projects=Sum("projects"),
            organizations=Count("organization", filter=Q(organization__isnull=False))
            + Coalesce(Sum("organization_count"), 0),
        )
        .order_by("campaign__name", "campaign_id")
    )
    codes = {(row["city"] or "").ljust(6, "0") for row in by_city + campaign_cities}
    names = _region_names(codes)

    def city_name(code):
        return names.get((code or "").ljust(6, "0"), _("not given")) if code else _("not given")

    applications_url = reverse("grants:application_list")
    campaigns_url = reverse("grants:campaign_list")
    figures = [
        Figure(
            "grant_applications", _("Grant applications"), totals["applications"], applications_url
        ),
        Figure(
            "grants_requested",
            _("Amount requested"),
            totals["requested"],
            applications_url,
            money=True,
        ),
        Figure(
            "grants_awarded", _("Amount awarded"), totals["awarded"], applications_url, money=True
        ),
        Figure("grants_disbursed", _("Disbursed"), disbursed, applications_url, money=True),
        Figure(
            "grant_reports_overdue",
            _("Grant reports overdue"),
            overdue,
            applications_url,
            public=False,
        ),
        Figure(
            "campaign_funds_raised",
            _("Funds raised by campaigns"),
            campaign_totals["funds"],
            campaigns_url,
            money=True,
        ),
        Figure("campaign_donors", _("Campaign donors"), campaign_totals["donors"], campaigns_url),
    ]
    source_labels = dict(Fund.SourceType.choices)
    source_rows = [
        [
            str(label),
            by_source[key]["applications"],
            by_source[key]["requested"],
            by_source[key]["awarded"],
        ]
        for key, label in source_labels.items()
        if key in by_source
    ]
    tables = [
        Table(
            "by_fund_source",
            _("Requested and awarded by fund source"),
            [_("Fund source"), _("Applications"), _("Requested (CNY)"), _("Awarded (CNY)")],
            source_rows,
            [applications_url] * len(source_rows),
            chart=bar_chart(
                labels=[row[0] for row in source_rows],
                series=[
                    (_("Amount requested"), [float(row[2]) for row in source_rows]),
                    (_("Amount awarded"), [float(row[3]) for row in source_rows]),
                ],
                title=_("Requested and awarded by fund source"),
            )
            if source_rows
            else None,
        ),
        Table(
            "by_city",
            _("Requested and awarded by city"),
            [_("City"), _("Applications"), _("Requested (CNY)"), _("Awarded (CNY)")],
            [
                [city_name(row["city"]), row["applications"], row["requested"], row["awarded"]]
                for row in by_city
            ],
        ),
        Table(
            "campaigns_by_city",
            _("Campaigns by city"),
            [_("City"), _("Organizations"), _("Projects"), _("Funds raised (CNY)"), _("Donors")],
            [
                [
                    city_name(row["city"]),
                    row["organizations"],
                    row["projects"],
                    row["funds"],
                    row["donors"],
                ]
                for row in campaign_cities
            ],
            [campaigns_url] * len(campaign_cities),
        ),
    ]
    chinese = get_language() == "zh-hans"
    tables.append(
        Table(
            "campaigns",
            _("Campaigns"),
            [
                _("Campaign"),
                _("Organizations"),
                _("Projects"),
                _("Funds raised (CNY)"),
                _("Donors"),
            ],
            [
                [
                    (row["campaign__name_zh"] or row["campaign__name"])
                    if chinese
                    else row["campaign__name"],
                    row["organizations"],
                    row["projects"],
                    row["funds"],
                    row["donors"],
                ]
                for row in per_campaign
            ],
            [reverse("grants:campaign_detail", args=[row["campaign_id"]]) for row in per_campaign],
        )
    )
    return Section("grants", TITLE, figures, tables)


def grant_report_deadlines(organization_ids, starts_on, ends_on) -> list[Deadline]:
    """Grant reports still owed by the organizations, due in the window."""
    reports = GrantReport.objects.filter(
        **_of(organization_ids, "award__application__organization_id"),
        status__in=GrantReport.EDITABLE,
        due_on__range=(starts_on, ends_on),
    ).values_list("award__application__organization_id", "pk", "due_on", "kind")
    kinds = dict(GrantReport.Kind.choices)
    return [
        Deadline(
            organization_id,
            day,
            _("Grant report due: %(kind)s") % {"kind": kinds[kind]},
            reverse("grants:grant_report_detail", args=[pk]),
        )
        for organization_id, pk, day, kind in reports
    ]


def _of(organization_ids, field: str) -> dict:
    return {} if organization_ids is None else {f"{field}__in": organization_ids}
