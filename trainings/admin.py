"""The trainings models in the Django admin; staff use the portal's own pages day to day."""

from django.contrib import admin

from .models import (
    ActionPlan,
    Attendance,
    CascadeTraining,
    Certificate,
    Evaluation,
    FollowUp,
    FollowUpResponse,
    Registration,
    Trainer,
    TrainingProgram,
    TrainingSession,
)


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "center", "planned_sessions"]
    list_filter = ["center"]
    search_fields = ["title", "title_zh"]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position", "organization"]
    search_fields = ["name", "name_en"]
    raw_id_fields = ["organization"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "number",
        "program",
        "starts_on",
        "status",
        "capacity",
        "confirmed_count",
    ]
    list_filter = ["status", "center"]
    search_fields = ["title", "title_zh", "venue"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["region", "host_organization", "eligible_cohort"]
    filter_horizontal = ["trainers", "speakers"]
    # Seats are the services' business (under the session's lock), never typed in the admin.
    readonly_fields = ["confirmed_count"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "session", "status", "waitlist_position", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "organization__name_zh"]
    raw_id_fields = ["session", "organization", "registered_by"]
    # Status changes go through the portal's services, which keep the seat count and the list.
    readonly_fields = ["status", "waitlist_position"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["registration", "day", "checked_in_at"]
    raw_id_fields = ["registration", "checked_in_by"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["registration", "issued_at"]
    raw_id_fields = ["registration"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["registration", "overall", "content", "trainer", "submitted_at"]
    raw_id_fields = ["registration"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["goal", "kind", "organization", "owner", "due_on", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["session", "organization", "registration"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["session", "due_on"]
    raw_id_fields = ["session"]


@admin.register(FollowUpResponse)
class FollowUpResponseAdmin(admin.ModelAdmin):
    list_display = ["registration", "follow_up", "submitted_at"]
    raw_id_fields = ["registration", "follow_up"]


@admin.register(CascadeTraining)
class CascadeTrainingAdmin(admin.ModelAdmin):
    list_display = ["organization", "session", "level", "held_on", "people_trained"]
    raw_id_fields = ["session", "parent", "organization", "recorded_by"]
    filter_horizontal = ["organizations_reached"]
