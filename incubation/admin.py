"""The Django admin of incubation: frameworks and their indicators, cohorts with their questions
and rubric, and read access to applications, enrollments and assessments. Editing a framework
version that assessments use goes through the framework page (a new version), not here."""

from django.contrib import admin

from .models import (
    CapacityArea,
    CapacityAssessment,
    CapacityFramework,
    CapacityIndicator,
    Cohort,
    CohortApplication,
    CohortQuestion,
    Enrollment,
    Milestone,
    RubricCriterion,
)


class CohortQuestionInline(admin.TabularInline):
    model = CohortQuestion
    extra = 0


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["title", "center", "status", "call_closes", "starts_on", "capacity"]
    list_filter = ["status", "center"]
    search_fields = ["title", "title_zh"]
    inlines = [CohortQuestionInline, RubricCriterionInline]


@admin.register(CohortApplication)
class CohortApplicationAdmin(admin.ModelAdmin):
    list_display = ["organization", "cohort", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "cohort"]
    list_select_related = ["organization", "cohort"]
    raw_id_fields = ["organization", "enrollment", "created_by", "decided_by"]
    readonly_fields = ["profile_snapshot", "answers"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "cohort", "status", "enrolled_on", "graduated_on"]
    list_filter = ["status", "cohort"]
    list_select_related = ["organization", "cohort"]
    raw_id_fields = ["organization"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "enrollment", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["enrollment"]


class CapacityAreaInline(admin.TabularInline):
    model = CapacityArea
    extra = 0
    fields = ["key", "name", "name_zh", "order"]


@admin.register(CapacityFramework)
class CapacityFrameworkAdmin(admin.ModelAdmin):
    list_display = ["key", "version", "name", "is_current", "created_at"]
    inlines = [CapacityAreaInline]

    def has_change_permission(self, request, obj=None):
        # A version in use is never edited in place (its assessments keep it).
        return obj is None or not obj.assessments.exists()


@admin.register(CapacityIndicator)
class CapacityIndicatorAdmin(admin.ModelAdmin):
    list_display = ["text", "area", "order"]
    list_filter = ["area__framework"]
    list_select_related = ["area__framework"]

    def has_change_permission(self, request, obj=None):
        # Edit through the framework page instead: it makes the next version.
        return obj is None or not obj.area.framework.assessments.exists()


@admin.register(CapacityAssessment)
class CapacityAssessmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "assessed_on", "status", "overall_score", "framework"]
    list_filter = ["kind", "status"]
    list_select_related = ["organization", "framework"]
    raw_id_fields = ["organization", "enrollment", "created_by"]
    filter_horizontal = ["assessors"]
