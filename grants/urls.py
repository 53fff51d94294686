"""Grants: funds, rounds, applications, reviews, awards, reports, campaigns."""

from django.urls import path

from .views import applications, awards, campaigns, export, reviews, rounds, staff

app_name = "grants"

urlpatterns = [
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/apply/", applications.application_apply, name="application_apply"),
    path("rounds/<int:pk>/ranking/", staff.round_ranking, name="round_ranking"),
    path(
        "rounds/<int:pk>/export/<str:dataset>.<str:file_format>",
        export.round_export,
        name="round_export",
    ),
    path("funds/", rounds.fund_list, name="fund_list"),
    path("funds/new/", rounds.fund_create, name="fund_create"),
    path("funds/<int:pk>/edit/", rounds.fund_edit, name="fund_edit"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/attachments/",
        applications.attachment_add,
        name="attachment_add",
    ),
    path("attachments/<int:pk>/", applications.attachment_download, name="attachment_download"),
    path(
        "attachments/<int:pk>/delete/",
        applications.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "applications/<int:pk>/request-information/",
        staff.information_request,
        name="information_request",
    ),
    path("applications/<int:pk>/assign/", staff.reviewer_assign, name="reviewer_assign"),
    path("applications/<int:pk>/approve/", staff.application_approve, name="application_approve"),
    path("applications/<int:pk>/reject/", staff.application_reject, name="application_reject"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/conflict/", reviews.review_conflict, name="review_conflict"),
    path("reviews/invitations/<str:token>/", reviews.review_invitation, name="review_invitation"),
    path("awards/<int:pk>/", awards.award_detail, name="award_detail"),
    path("awards/<int:pk>/tranches/", awards.disbursement_add, name="disbursement_add"),
    path("awards/<int:pk>/reports/", awards.grant_report_require, name="grant_report_require"),
    path("tranches/<int:pk>/paid/", awards.disbursement_paid, name="disbursement_paid"),
    path("reports/<int:pk>/", awards.grant_report_detail, name="grant_report_detail"),
    path("reports/<int:pk>/accept/", awards.grant_report_accept, name="grant_report_accept"),
    path(
        "reports/<int:pk>/send-back/", awards.grant_report_send_back, name="grant_report_send_back"
    ),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path(
        "campaigns/<int:pk>/participations/new/",
        campaigns.participation_create,
        name="participation_create",
    ),
    path("participations/<int:pk>/edit/", campaigns.participation_edit, name="participation_edit"),
    path(
        "participations/<int:pk>/delete/",
        campaigns.participation_delete,
        name="participation_delete",
    ),
]
