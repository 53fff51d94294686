"""Cohorts (a center's call for applications, then months of incubation), their questions,
rubric and graduation criteria, and the enrollments they take in.

Trainings (cohort eligibility) and grants (cohort eligibility) read these models; they never
write them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bilingual import bilingual as _bilingual

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class Cohort(models.Model):
    """One intake of a center's incubation program: a call for applications, then the months of
    incubation. `capacity` is the number of enrollments the center can take."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for applications")
        CLOSED = "closed", _("applications closed")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")

    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("center"),
    )
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    call_opens = models.DateField(_("applications open"))
    call_closes = models.DateField(_("applications close"))
    starts_on = models.DateField(_("incubation starts"))
    ends_on = models.DateField(_("incubation ends"))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("organizations enrolled"))
    criteria = models.TextField(_("selection criteria"), blank=True)
    criteria_zh = models.TextField(_("selection criteria (Chinese)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    framework = models.ForeignKey(
        "incubation.CapacityFramework",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
        verbose_name=_("capacity framework"),
        help_text=_("empty: the current version of the default framework"),
    )
    # Graduation criteria: all that are set must be met (the score one or the improvement one).
    graduation_milestones_percent = models.PositiveSmallIntegerField(
        _("milestones completed (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("share of an enrollment's milestones that must be completed"),
    )
    graduation_min_endline_score = models.DecimalField(
        _("minimum endline score"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("average of the area scores (1-4) in the finalized endline assessment"),
    )
    graduation_min_improvement = models.DecimalField(
        _("minimum improvement"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
        help_text=_(
            "rise of the average score from baseline to endline; either this or the "
            "minimum endline score suffices"
        ),
    )
    graduation_requires_registration = models.BooleanField(
        _("registration required"),
        default=True,
        help_text=_("the organization must be registered (a unified social credit code)"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call_closes__gte=models.F("call_opens")),
                name="cohort_call_window_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.display_title

    def clean(self):
        """The dates in order, each message at its field (the constraints say it only in SQL)."""
        errors = {}
        if self.call_opens and self.call_closes and self.call_closes < self.call_opens:
            errors["call_closes"] = _("Applications must close on or after the day they open.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The incubation must end on or after the day it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_zh)

    @property
    def display_criteria(self) -> str:
        """The criteria in the page's language, else in the other one."""
        return _bilingual(self.criteria, self.criteria_zh) or self.criteria_zh

    @property
    def call_is_open(self) -> bool:
        """Open for applications: status open and today (Asia/Shanghai) within the window."""
        today = timezone.localdate()
        return self.status == self.Status.OPEN and self.call_opens <= today <= self.call_closes


class Enrollment(models.Model):
    """An organization taken into a cohort."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        GRADUATED = "graduated", _("graduated")
        WITHDRAWN = "withdrawn", _("withdrawn")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("cohort")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("organization"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_on = models.DateField(_("enrolled on"))
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="incubation.MentorAssignment",
        through_fields=("enrollment", "mentor"),
        related_name="mentored_enrollments",
        verbose_name=_("mentors"),
        blank=True,
    )
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["cohort", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "organization"], name="unique_enrollment_per_cohort"
            )
        ]
        indexes = [models.Index(fields=["cohort", "status"], name="enrollment_cohort_status_idx")]

    def __str__(self):
        return f"{self.organization} — {self.cohort}"


class CohortQuestion(models.Model):
    """A question of the cohort's call; applicants answer it in their application."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="questions", verbose_name=_("cohort")
    )
    text = models.CharField(_("question (English)"), max_length=500)
    text_zh = models.CharField(_("question (Chinese)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("call question")
        verbose_name_plural = _("call questions")
        ordering = ["cohort", "order", "pk"]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return _bilingual(self.text, self.text_zh)


class RubricCriterion(models.Model):
    """A criterion staff score applications on, from 0 to `max_score`; the total weighs them."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="rubric", verbose_name=_("cohort")
    )
    name = models.CharField(_("criterion (English)"), max_length=200)
    name_zh = models.CharField(_("criterion (Chinese)"), max_length=200, blank=True)
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["cohort", "order", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_zh)
