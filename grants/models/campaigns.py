from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .money import bilingual, money_field


class Campaign(models.Model):
    """A public fundraising or mobilisation campaign (a charity festival, "Happy Children's
    Cabin"), with the organizations that took part and what they raised."""

    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("center"),
    )
    fund = models.ForeignKey(
        "grants.Fund",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("fund"),
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    region = models.ForeignKey(
        "ngo_portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    source = models.CharField(_("source of the figures (English)"), max_length=300, blank=True)
    source_zh = models.CharField(_("source of the figures (Chinese)"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_dates_ordered",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return bilingual(self.name, self.name_zh)

    @property
    def display_description(self) -> str:
        return bilingual(self.description, self.description_zh)

    @property
    def display_source(self) -> str:
        return bilingual(self.source, self.source_zh)


class CampaignParticipation(models.Model):
    """What took part in a campaign: one organization, or a group of organizations reported
    together (a city's NGOs, counted in `organization_count`) when only totals are published.

    Figures left empty are not known, which is not the same as zero: totals add what is known.
    """

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("campaign"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_participations",
        verbose_name=_("organization"),
    )
    organization_count = models.PositiveIntegerField(
        _("organizations taking part"),
        null=True,
        blank=True,
        help_text=_("For a group of organizations reported together; empty for one organization."),
    )
    region = models.ForeignKey(
        "ngo_portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    funds_raised = money_field(_("funds raised (CNY)"), null=True, blank=True)
    donors = models.PositiveIntegerField(_("donors"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("projects"), null=True, blank=True)
    note = models.CharField(
        _("name or note (English)"),
        max_length=300,
        blank=True,
        help_text=_("For a group, its name as published (a city, a province)."),
    )
    note_zh = models.CharField(_("name or note (Chinese)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("campaign participation")
        verbose_name_plural = _("campaign participations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                condition=Q(organization__isnull=False),
                name="one_participation_per_organization",
                violation_error_message=_("This organization already takes part in the campaign."),
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=True) | Q(organization_count__isnull=True),
                name="participation_is_one_organization_or_a_group",
            ),
        ]

    def __str__(self):
        return f"{self.campaign}: {self.organization or self.region or ''}"

    @property
    def display_note(self) -> str:
        return bilingual(self.note, self.note_zh)

    @property
    def organizations_represented(self) -> int | None:
        return 1 if self.organization_id else self.organization_count
