"""Programs, the trainer pool and sessions."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from organizations.vocabularies import LegalForm

from .base import _bilingual

# How long after a session its follow-up is due unless the session says otherwise (the seed:
# "ideally six months after the training").
DEFAULT_FOLLOW_UP_MONTHS = 6


class TrainingProgram(models.Model):
    """A project of numbered sessions, such as the nine regional trainings of CANGO's
    "Promoting NGO Development" project."""

    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="training_programs",
        verbose_name=_("center"),
    )
    title = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    planned_sessions = models.PositiveSmallIntegerField(
        _("planned sessions"), default=1, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_zh)


class Trainer(models.Model):
    """A trainer or case-study speaker from the shared pool, optionally of an organization."""

    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (pinyin or English)"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    position_zh = models.CharField(_("position (Chinese)"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainers",
        verbose_name=_("organization"),
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("For trainers whose organization is not registered on the portal."),
    )

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() != "zh-hans" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_position(self) -> str:
        return _bilingual(self.position, self.position_zh)

    @property
    def display_affiliation(self) -> str:
        if self.organization_id:
            return self.organization.display_name
        return self.affiliation


class TrainingSessionQuerySet(models.QuerySet):
    def listed(self):
        """Sessions the public calendar shows: published, completed, and cancelled (marked)."""
        return self.exclude(status=TrainingSession.Status.DRAFT)

    def upcoming(self, today: datetime.date | None = None):
        from django.utils import timezone

        return self.filter(ends_on__gte=today or timezone.localdate())


class TrainingSession(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("training session", "draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", pgettext_lazy("training session", "cancelled")
        COMPLETED = "completed", pgettext_lazy("training session", "completed")

    program = models.ForeignKey(
        TrainingProgram,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("program"),
    )
    number = models.PositiveSmallIntegerField(
        _("number in the program"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    center = models.ForeignKey(
        "ngo_portal.Center",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("center"),
    )
    title = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    region = models.ForeignKey(
        "ngo_portal.Region",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("region"),
    )
    # Copy of region.code: the calendar filters a province by code range, without a join.
    region_code = models.CharField(_("region code"), max_length=6, editable=False)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    host_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_training_sessions",
        verbose_name=_("host organization"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    per_organization_cap = models.PositiveSmallIntegerField(
        _("participants per organization"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_("Members may cancel until then; leave empty to use the registration close."),
    )
    requires_approval = models.BooleanField(_("staff approve each registration"), default=False)
    eligible_provinces = ArrayField(
        models.CharField(max_length=6),
        verbose_name=_("eligible provinces"),
        default=list,
        blank=True,
        help_text=_("Leave empty for organizations from every province."),
    )
    eligible_legal_forms = ArrayField(
        models.CharField(max_length=30, choices=LegalForm.choices),
        verbose_name=_("eligible legal forms"),
        default=list,
        blank=True,
    )
    eligible_cohort = models.ForeignKey(
        "incubation.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only organizations enrolled in"),
    )
    # Capacity area keys (incubation's framework): stable across the framework's versions.
    topics = ArrayField(
        models.CharField(max_length=50), verbose_name=_("topics"), default=list, blank=True
    )
    trainers = models.ManyToManyField(
        Trainer, blank=True, related_name="sessions_trained", verbose_name=_("trainers")
    )
    speakers = models.ManyToManyField(
        Trainer, blank=True, related_name="sessions_spoken", verbose_name=_("case-study speakers")
    )
    certificate_min_days = models.PositiveSmallIntegerField(
        _("days attended for a certificate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty to require every day."),
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up after (months)"),
        default=DEFAULT_FOLLOW_UP_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Seats taken, kept by the registration services under the session's row lock: the calendar
    # filters on open seats without counting 200,000 registrations.
    confirmed_count = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    # The waiting list's arrival counter: the next waitlisted registration gets this number.
    waitlist_next = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # What the calendar feed's cache is keyed on; seat counts change without touching it.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="session_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens")),
                name="session_registration_window_ordered",
            ),
            # The last guard against overselling, below the services' row lock.
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")), name="session_not_oversold"
            ),
            models.UniqueConstraint(
                fields=["program", "number"], name="unique_session_number_in_program"
            ),
        ]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="session_calendar_idx"),
            models.Index(fields=["region_code", "starts_on"], name="session_region_idx"),
            models.Index(fields=["center", "starts_on"], name="session_center_idx"),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_zh)

    @property
    def display_description(self) -> str:
        return _bilingual(self.description, self.description_zh)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(count)]

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def effective_cancellation_deadline(self) -> datetime.datetime:
        return self.cancellation_deadline or self.registration_closes

    @property
    def days_for_certificate(self) -> int:
        return self.certificate_min_days or len(self.days)
