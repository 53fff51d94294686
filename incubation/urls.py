from django.urls import path

from .views import applications, assessments, cohorts, enrollments, frameworks, graduation

app_name = "incubation"

urlpatterns = [
    path("cohorts/", cohorts.cohort_list, name="cohort_list"),
    path("cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/apply/", applications.cohort_apply, name="cohort_apply"),
    path("cohorts/<int:pk>/applications/", applications.application_list, name="application_list"),
    path("cohorts/<int:pk>/graduation/", graduation.graduation, name="graduation"),
    path("cohorts/<int:pk>/reports/", cohorts.cohort_reports, name="cohort_reports"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/autosave/",
        applications.application_autosave,
        name="application_autosave",
    ),
    path("applications/<int:pk>/score/", applications.application_score, name="application_score"),
    path(
        "applications/<int:pk>/decide/", applications.application_decide, name="application_decide"
    ),
    path("enrollments/<int:pk>/", enrollments.enrollment_detail, name="enrollment_detail"),
    path("enrollments/<int:pk>/mentors/", enrollments.mentor_add, name="mentor_add"),
    path(
        "enrollments/<int:pk>/mentors/<int:user_pk>/remove/",
        enrollments.mentor_remove,
        name="mentor_remove",
    ),
    path("enrollments/<int:pk>/sessions/", enrollments.session_add, name="session_add"),
    path("enrollments/<int:pk>/milestones/", enrollments.milestone_add, name="milestone_add"),
    path(
        "enrollments/<int:pk>/assessments/", enrollments.assessment_create, name="assessment_create"
    ),
    path(
        "enrollments/<int:pk>/graduate/",
        enrollments.enrollment_graduate,
        name="enrollment_graduate",
    ),
    path("enrollments/<int:pk>/extend/", enrollments.enrollment_extend, name="enrollment_extend"),
    path(
        "enrollments/<int:pk>/certificate.pdf",
        enrollments.enrollment_certificate,
        name="enrollment_certificate",
    ),
    path(
        "enrollments/<int:pk>/withdraw/",
        enrollments.enrollment_withdraw,
        name="enrollment_withdraw",
    ),
    path("milestones/<int:pk>/", enrollments.milestone_update, name="milestone_update"),
    path(
        "milestones/<int:pk>/evidence/", enrollments.milestone_evidence, name="milestone_evidence"
    ),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/reopen/", assessments.assessment_reopen, name="assessment_reopen"),
    path(
        "assessments/<int:pk>/finalize/",
        assessments.assessment_finalize,
        name="assessment_finalize",
    ),
    path("assessments/<int:pk>/report/", assessments.assessment_report, name="assessment_report"),
    path(
        "assessments/<int:pk>/report/status/",
        assessments.assessment_report_status,
        name="assessment_report_status",
    ),
    path(
        "assessments/<int:pk>/report.pdf",
        assessments.assessment_report_pdf,
        name="assessment_report_pdf",
    ),
    path("assessments/<int:pk>/actions/", assessments.action_item_add, name="action_item_add"),
    path("actions/<int:pk>/delete/", assessments.action_item_delete, name="action_item_delete"),
    path(
        "organizations/<int:pk>/capacity/",
        assessments.organization_capacity,
        name="organization_capacity",
    ),
    path("framework/", frameworks.framework_detail, name="framework_detail"),
    path("framework/indicators/<int:pk>/edit/", frameworks.indicator_edit, name="indicator_edit"),
]
