"""What happens during incubation: mentors assigned to enrollments, the sessions they log, and
the milestones the organization agreed to reach (with evidence and reminders)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cohorts import Enrollment


class MentorAssignment(models.Model):
    """A mentor (center staff, or a user with the center's mentor role) for one enrollment; a
    mentor sees only the enrollments assigned to them."""

    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
        verbose_name=_("enrollment"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
        verbose_name=_("mentor"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "mentor"], name="unique_mentor_per_enrollment"
            )
        ]

    def __str__(self):
        return f"{self.mentor} → {self.enrollment}"


class MentoringSession(models.Model):
    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="mentoring_sessions",
        verbose_name=_("enrollment"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("mentor"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["enrollment", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"


def milestone_evidence_path(milestone, filename):
    return f"incubation/milestones/{milestone.enrollment_id}/{filename}"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        MISSED = "missed", _("missed")

    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("enrollment"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=milestone_evidence_path, max_length=300, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["enrollment", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="milestone_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_on__isnull=False),
                name="milestone_completed_has_date",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
