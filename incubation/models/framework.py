"""The capacity framework: versioned frameworks → areas (stable keys) → indicators with four
level descriptors, in English and Chinese (USAID OCA / McKinsey OCAT style 1-4 grids)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import bilingual as _bilingual

LEVELS = (1, 2, 3, 4)


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
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous version"),
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


class CapacityIndicator(models.Model):
    """One indicator of an area, with what each of the four levels looks like (1 = emerging,
    2 = developing, 3 = established, 4 = strong), in English and Chinese."""

    area = models.ForeignKey(
        CapacityArea, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("area")
    )
    key = models.SlugField(_("key"), max_length=60)
    text = models.CharField(_("indicator (English)"), max_length=300)
    text_zh = models.CharField(_("indicator (Chinese)"), max_length=300, blank=True)
    level_1 = models.TextField(_("level 1 (English)"))
    level_1_zh = models.TextField(_("level 1 (Chinese)"), blank=True)
    level_2 = models.TextField(_("level 2 (English)"))
    level_2_zh = models.TextField(_("level 2 (Chinese)"), blank=True)
    level_3 = models.TextField(_("level 3 (English)"))
    level_3_zh = models.TextField(_("level 3 (Chinese)"), blank=True)
    level_4 = models.TextField(_("level 4 (English)"))
    level_4_zh = models.TextField(_("level 4 (Chinese)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("capacity indicator")
        verbose_name_plural = _("capacity indicators")
        ordering = ["area", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["area", "key"], name="unique_indicator_key_per_area")
        ]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return _bilingual(self.text, self.text_zh)

    def descriptor(self, level: int) -> str:
        """The level's descriptor in the active language."""
        return _bilingual(getattr(self, f"level_{level}"), getattr(self, f"level_{level}_zh"))

    @property
    def descriptors(self) -> list[tuple[int, str]]:
        return [(level, self.descriptor(level)) for level in LEVELS]
