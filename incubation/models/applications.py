"""Applications to a cohort's call: a snapshot of the organization's profile and the answers,
kept as a draft while the applicant types, then submitted, scored and decided."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cohorts import Cohort, Enrollment, RubricCriterion


class CohortApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("waitlisted")
        REJECTED = "rejected", _("rejected")

    # What a decision may follow; a waitlisted application can still be accepted or rejected.
    DECIDABLE = (Status.SUBMITTED, Status.WAITLISTED)

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="applications", verbose_name=_("cohort")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="cohort_applications",
        verbose_name=_("organization"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # {field name: value as shown} of the profile when submitted: the decision is made on it.
    profile_snapshot = models.JSONField(_("profile when submitted"), default=dict, blank=True)
    # {question id (text): answer}
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note to the applicant"), blank=True)
    enrollment = models.OneToOneField(
        Enrollment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("enrollment"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("cohort application")
        verbose_name_plural = _("cohort applications")
        ordering = ["cohort", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "organization"], name="unique_application_per_cohort"
            )
        ]
        indexes = [
            models.Index(fields=["cohort", "status", "id"], name="application_cohort_status_idx")
        ]

    def __str__(self):
        return f"{self.organization} → {self.cohort}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class ApplicationScore(models.Model):
    """One screener's score of one application on one rubric criterion."""

    application = models.ForeignKey(
        CohortApplication,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("application"),
    )
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("scored by"),
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("application score")
        verbose_name_plural = _("application scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "scorer"], name="unique_score_per_scorer"
            )
        ]

    def __str__(self):
        return f"{self.application} · {self.criterion}: {self.score}"
