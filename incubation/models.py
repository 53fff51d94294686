"""Incubation: cohorts and their enrollments, and the capacity framework assessments use.

Trainings (topics, cohort eligibility) and grants (cohort eligibility) read these models; they
never write them.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _bilingual(english: str, chinese: str) -> str:
    return chinese if get_language() == "zh-hans" and chinese else english


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
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
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

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_zh)


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

    def __str__(self):
        return f"{self.organization} — {self.cohort}"


class CapacityFramework(models.Model):
    """A versioned capacity framework. `key` is stable across versions ("default"); editing a
    version in use makes the next version, so assessments keep the one they were made with."""

    key = models.SlugField(_("key"), max_length=50)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    is_current = models.BooleanField(
        _("current version"), default=True, help_text=_("new assessments use the current version")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("capacity framework")
        verbose_name_plural = _("capacity frameworks")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="unique_framework_version"),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(is_current=True),
                name="one_current_framework_version",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} (v{self.version})"

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_zh)


class CapacityArea(models.Model):
    """One area of a framework (governance, financial management...). `key` is stable across the
    framework's versions: comparisons between assessments and training topics match areas by it."""

    framework = models.ForeignKey(
        CapacityFramework,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("framework"),
    )
    key = models.SlugField(_("key"), max_length=50)
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "key"], name="unique_area_key_per_framework"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_zh)
