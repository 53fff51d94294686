"""Grants in the Django admin: every record readable and correctable by administrators. Money
rules (budget, award limits) are enforced by the portal's services; the admin shows the totals."""

from django.contrib import admin

from .models import (
    ApplicationAttachment,
    Award,
    BudgetLine,
    Campaign,
    CampaignParticipation,
    CriterionScore,
    Disbursement,
    Fund,
    FundingRound,
    GrantApplication,
    GrantReport,
    InformationRequest,
    Review,
    ReviewAssignment,
    ReviewCriterion,
)


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "source_type", "budget", "center"]
    list_filter = ["source_type", "center"]
    search_fields = ["name", "name_zh", "funder"]


class ReviewCriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


@admin.register(FundingRound)
class FundingRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "fund", "opens_on", "closes_on", "budget", "is_published"]
    list_filter = ["is_published", "fund__source_type", "center"]
    search_fields = ["title", "title_zh"]
    raw_id_fields = ["cohort"]
    inlines = [ReviewCriterionInline]

    def save_model(self, request, obj, form, change):
        obj.center_id = obj.fund.center_id
        super().save_model(request, obj, form, change)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = ApplicationAttachment
    extra = 0
    fields = ["title", "original_name", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class InformationRequestInline(admin.StackedInline):
    model = InformationRequest
    extra = 0
    raw_id_fields = ["asked_by", "answered_by"]


@admin.register(GrantApplication)
class GrantApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "round", "status", "requested_total", "average_score"]
    list_filter = ["status", "round"]
    search_fields = ["title", "organization__name_zh"]
    raw_id_fields = ["organization", "created_by", "decided_by", "region"]
    readonly_fields = ["requested_total", "review_count", "average_score"]
    inlines = [BudgetLineInline, AttachmentInline, InformationRequestInline]


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "invited_email", "status"]
    list_filter = ["status"]
    raw_id_fields = ["application", "reviewer", "assigned_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["assignment", "recommendation", "weighted_score", "submitted_at"]
    raw_id_fields = ["assignment"]
    readonly_fields = ["weighted_score"]
    inlines = [CriterionScoreInline]


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 0


class GrantReportInline(admin.TabularInline):
    model = GrantReport
    extra = 0
    fields = ["kind", "due_on", "status"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["application", "amount", "agreement_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["application"]
    inlines = [DisbursementInline, GrantReportInline]


@admin.register(GrantReport)
class GrantReportAdmin(admin.ModelAdmin):
    list_display = ["award", "kind", "due_on", "status"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["award", "submitted_by"]


class ParticipationInline(admin.TabularInline):
    model = CampaignParticipation
    extra = 0
    raw_id_fields = ["organization", "region"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "center", "starts_on"]
    search_fields = ["name", "name_zh"]
    raw_id_fields = ["region"]
    inlines = [ParticipationInline]
