import operator
import secrets
from functools import reduce

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .credit_code import validate_credit_code
from .vocabularies import (
    FUNDING_SOURCES,
    AreaType,
    BeneficiaryGroup,
    GrowthStage,
    LegalForm,
    McaGrade,
    ServiceArea,
)

PERCENT = [MaxValueValidator(100)]


def _percent_field(label):
    return models.PositiveSmallIntegerField(label, default=0, validators=PERCENT)


class Organization(models.Model):
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    # Derived from name_zh by the service that saves the organization; searched, never typed.
    # Unbounded: its length follows the name's (three forms, two readings of a place name), and
    # a derived column must never refuse a name its source accepted.
    name_pinyin = models.TextField(_("name (pinyin)"), blank=True, editable=False)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters (GB 32100-2015). Unregistered community groups have none."),
    )
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    registration_authority = models.CharField(
        _("registration authority"), max_length=200, blank=True
    )
    supervising_unit = models.CharField(_("supervising unit"), max_length=200, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    mca_grade = models.CharField(
        _("MCA evaluation grade"), max_length=2, choices=McaGrade.choices, blank=True
    )
    mca_grade_expires = models.DateField(_("grade valid until"), null=True, blank=True)

    region = models.ForeignKey(
        "ngo_portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("region"),
    )
    # Copy of region.code: a province is the code range on this column, no join (DESIGN.md).
    region_code = models.CharField(_("region code"), max_length=6, blank=True, editable=False)
    community = models.ForeignKey(
        "ngo_portal.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("community"),
    )
    area_type = models.CharField(
        _("urban or rural"), max_length=10, choices=AreaType.choices, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)

    service_areas = ArrayField(
        models.CharField(max_length=40, choices=ServiceArea.choices),
        verbose_name=_("service areas"),
        default=list,
        blank=True,
    )
    beneficiary_groups = ArrayField(
        models.CharField(max_length=40, choices=BeneficiaryGroup.choices),
        verbose_name=_("beneficiary groups"),
        default=list,
        blank=True,
    )
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    staff_full_time = models.PositiveIntegerField(_("full-time staff"), default=0)
    staff_part_time = models.PositiveIntegerField(_("part-time staff"), default=0)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    annual_budget_cny = models.DecimalField(
        _("annual budget (CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_international_pct = _percent_field(_("international funding (%)"))
    funding_government_pct = _percent_field(_("government procurement (%)"))
    funding_lottery_pct = _percent_field(_("welfare lottery (%)"))
    funding_foundations_pct = _percent_field(_("foundations (%)"))
    funding_corporate_pct = _percent_field(_("corporate (%)"))
    funding_public_donations_pct = _percent_field(_("public donations (%)"))
    funding_earned_income_pct = _percent_field(_("earned income (%)"))
    growth_stage = models.CharField(
        _("growth stage"), max_length=20, choices=GrowthStage.choices, blank=True
    )

    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Show this organization's profile in the public directory."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["name_pinyin", "updated_at"])

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [
            # The region of an organization by its id without reading the row: the dashboards
            # group trainings' registrations and grant applications by their organization's
            # province or city (an index-only lookup per row instead of a heap fetch).
            models.Index(fields=["id"], include=["region_code"], name="organization_id_region_idx")
        ]
        constraints = [
            # 0 means "not told yet"; otherwise the sources must account for the whole budget.
            models.CheckConstraint(
                name="funding_mix_sums_to_100_or_unknown",
                condition=In(
                    reduce(operator.add, (F(field) for field, _label in FUNDING_SOURCES)), [0, 100]
                ),
            ),
            models.CheckConstraint(
                name="credit_code_only_when_registered",
                condition=~Q(legal_form=LegalForm.COMMUNITY_GROUP) | Q(credit_code__isnull=True),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if get_language() != "zh-hans" and self.name_en:
            return self.name_en
        return self.name_zh

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def funding_mix(self):
        return [(label, getattr(self, field)) for field, label in FUNDING_SOURCES]


class OrganizationMembership(models.Model):
    """A user's place in an organization, from request or invitation to active membership.

    An invitation may name an e-mail address that has no account yet: `user` stays empty until
    the invitee signs up and accepts with the token.
    """

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")

    class State(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        INVITED = "invited", _("invited")
        ACTIVE = "active", _("active")
        DECLINED = "declined", _("declined")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organization_memberships",
        verbose_name=_("user"),
    )
    invited_email = models.EmailField(_("invited e-mail"), blank=True)
    invitation_token = models.CharField(
        _("invitation token"), max_length=64, unique=True, null=True, blank=True
    )
    invitation_sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("organization membership")
        verbose_name_plural = _("organization memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=Q(user__isnull=False),
                name="unique_organization_member",
            ),
            models.UniqueConstraint(
                fields=["organization", "invited_email"],
                condition=Q(state="invited"),
                name="unique_open_invitation",
            ),
            models.CheckConstraint(
                name="membership_has_user_or_invited_email",
                condition=Q(user__isnull=False) | ~Q(invited_email=""),
            ),
        ]
        indexes = [models.Index(fields=["user", "state"], name="org_membership_user_state_idx")]

    def __str__(self):
        return (
            f"{self.user or self.invited_email} — {self.organization} ({self.get_role_display()})"
        )


def document_upload_path(document, filename):
    # A random directory name: uploaded files are never guessable from the organization's id.
    return f"organizations/{document.organization_id}/{secrets.token_hex(8)}/{filename}"


class OrganizationDocument(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION_CERTIFICATE = "registration_certificate", _("registration certificate")
        ANNUAL_REPORT = "annual_report", _("annual report")
        AUDIT_REPORT = "audit_report", _("audit report")
        CHARTER = "charter", _("charter")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=300)
    # The name as uploaded, for the download: the stored name is cut to what file systems take
    # (255 bytes) and to the characters storage accepts, which drops full-width brackets.
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("organization document")
        verbose_name_plural = _("organization documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title
