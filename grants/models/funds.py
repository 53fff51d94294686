from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organizations.vocabularies import LegalForm, McaGrade

from .money import bilingual, money_field


class Fund(models.Model):
    """A source of money a center distributes through funding rounds."""

    class SourceType(models.TextChoices):
        INCUBATION = "incubation", _("incubation fund")
        GOVERNMENT_PROCUREMENT = "government_procurement", _("government service procurement")
        WELFARE_LOTTERY = "welfare_lottery", _("welfare-lottery public-welfare fund")
        FOUNDATION = "foundation", _("foundation")
        CORPORATE = "corporate", _("corporate")
        CAMPAIGN = "campaign", _("campaign")
        INTERNATIONAL = "international", _("international")

    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="funds",
        verbose_name=_("center"),
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    source_type = models.CharField(_("source type"), max_length=30, choices=SourceType.choices)
    funder = models.CharField(_("funder (English)"), max_length=200, blank=True)
    funder_zh = models.CharField(_("funder (Chinese)"), max_length=200, blank=True)
    budget = money_field(_("budget (CNY)"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return bilingual(self.name, self.name_zh)

    @property
    def display_funder(self) -> str:
        return bilingual(self.funder, self.funder_zh)


class FundingRoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        return self.published().filter(opens_on__lte=day, closes_on__gte=day)


class FundingRound(models.Model):
    """One call for applications to a fund: window, budget, award limits, rubric, eligibility.

    The eligibility rules are checked when an application is submitted (grants/rules.py); an empty
    rule admits everyone. `closes_on` is the last day applications are accepted (Asia/Shanghai).
    """

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("fund")
    )
    # A copy of fund.center: staff rights are per center, and every check reads it without a join.
    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="funding_rounds",
        verbose_name=_("center"),
        editable=False,
    )
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"))
    budget = money_field(_("round budget (CNY)"))
    min_award = money_field(_("minimum award (CNY)"))
    max_award = money_field(_("maximum award (CNY)"))
    eligible_legal_forms = ArrayField(
        models.CharField(max_length=30, choices=LegalForm.choices),
        verbose_name=_("eligible legal forms"),
        default=list,
        blank=True,
        help_text=_("Leave empty to accept every legal form."),
    )
    eligible_province_codes = ArrayField(
        models.CharField(max_length=6),
        verbose_name=_("eligible provinces"),
        default=list,
        blank=True,
        help_text=_("Leave empty to accept organizations from every province."),
    )
    registered_only = models.BooleanField(
        _("registered organizations only"),
        default=False,
        help_text=_("Refuse unregistered community groups."),
    )
    min_mca_grade = models.CharField(
        _("minimum MCA evaluation grade"),
        max_length=2,
        choices=McaGrade.choices,
        blank=True,
        help_text=_("The grade must still be valid on the closing date."),
    )
    cohort = models.ForeignKey(
        "incubation.Cohort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_rounds",
        verbose_name=_("only organizations enrolled in the cohort"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FundingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        ordering = ["-closes_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="round_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(max_award__gte=F("min_award")), name="round_award_limits_ordered"
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=F("max_award")), name="round_budget_covers_max_award"
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "closes_on"], name="round_published_closes_idx")
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return bilingual(self.title, self.title_zh)

    def is_open_on(self, day) -> bool:
        return self.is_published and self.opens_on <= day <= self.closes_on


class ReviewCriterion(models.Model):
    """One line of a round's rubric; reviewers score it 0-5, and its weight counts in the average."""

    round = models.ForeignKey(
        FundingRound, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    guidance = models.TextField(_("guidance for reviewers"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return bilingual(self.name, self.name_zh)
