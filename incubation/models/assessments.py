"""Capacity assessments: a level (1-4, or not applicable) and evidence per indicator, the area
scores computed from them, and the action plan proposed for the low areas."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import bilingual as _bilingual
from .cohorts import Enrollment
from .framework import CapacityArea, CapacityFramework, CapacityIndicator


class CapacityAssessment(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", _("baseline")
        MIDLINE = "midline", _("midline")
        ENDLINE = "endline", _("endline")
        SELF = "self", _("self-assessment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        FINALIZED = "finalized", _("finalized")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="capacity_assessments",
        verbose_name=_("organization"),
    )
    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("enrollment"),
    )
    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="capacity_assessments",
        verbose_name=_("center"),
    )
    framework = models.ForeignKey(
        CapacityFramework,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework version"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    assessed_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="capacity_assessments", verbose_name=_("assessors")
    )
    summary = models.TextField(_("summary"), blank=True)
    # Mean of the area scores, written when the area scores are (None: nothing scored).
    overall_score = models.DecimalField(
        _("overall score"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("finalized"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("capacity assessment")
        verbose_name_plural = _("capacity assessments")
        ordering = ["organization", "assessed_on", "pk"]
        indexes = [
            models.Index(fields=["organization", "assessed_on"], name="assessment_org_date_idx"),
            models.Index(fields=["enrollment", "kind", "status"], name="assessment_enrollment_idx"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} · {self.assessed_on}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class IndicatorScore(models.Model):
    """`level` 1-4, or None with `not_applicable` (excluded from the area score), or None
    alone while not yet scored."""

    assessment = models.ForeignKey(
        CapacityAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    indicator = models.ForeignKey(
        CapacityIndicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="unique_score_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(not_applicable=False),
                name="score_level_or_not_applicable",
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="score_level_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.level or '—'}"


class AreaScore(models.Model):
    """An area's score in one assessment: the mean level of its applicable indicators, kept
    so that cohort comparisons read a few rows per assessment. `area_key` is the framework's
    stable key: comparisons across framework versions match on it."""

    assessment = models.ForeignKey(
        CapacityAssessment,
        on_delete=models.CASCADE,
        related_name="area_scores",
        verbose_name=_("assessment"),
    )
    area = models.ForeignKey(
        CapacityArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    area_key = models.SlugField(_("area key"), max_length=50)
    score = models.DecimalField(_("score"), max_digits=3, decimal_places=2, null=True)
    scored = models.PositiveSmallIntegerField(_("indicators scored"), default=0)
    not_applicable = models.PositiveSmallIntegerField(_("not applicable"), default=0)

    class Meta:
        verbose_name = _("area score")
        verbose_name_plural = _("area scores")
        ordering = ["assessment", "area__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="unique_area_score")
        ]
        indexes = [models.Index(fields=["area_key", "assessment"], name="area_score_key_idx")]

    def __str__(self):
        return f"{self.area_key}: {self.score}"


class ActionPlanItem(models.Model):
    """A step of the organization's action plan. Proposed ones come from a low area: reach the
    next level of its weakest indicators; staff may edit, add or drop them."""

    assessment = models.ForeignKey(
        CapacityAssessment,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("assessment"),
    )
    area = models.ForeignKey(
        CapacityArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    indicator = models.ForeignKey(
        CapacityIndicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(4)],
    )
    text = models.TextField(_("action"), blank=True)
    text_zh = models.TextField(_("action (Chinese)"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    proposed = models.BooleanField(_("proposed from the scores"), default=False)

    class Meta:
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        ordering = ["assessment", "area__order", "pk"]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        if self.text or self.text_zh:
            return _bilingual(self.text, self.text_zh)
        if self.indicator is not None and self.target_level:
            return self.indicator.descriptor(self.target_level)
        return ""
