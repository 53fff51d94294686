"""Trainings: programs of numbered sessions, registrations with a waiting list, attendance,
certificates, evaluations, action plans, follow-ups and the cascade trainings that pass it on.

Rules across fields (eligibility, deadlines, the cascade's reach) live in rules.py; every write
goes through services/.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from organizations.vocabularies import LegalForm

# How long after a session its follow-up is due unless the session says otherwise (the seed:
# "ideally six months after the training").
DEFAULT_FOLLOW_UP_MONTHS = 6
# A session of more than a month is a course, not a session (rules.session_rule_errors): lists
# of current sessions start their date-ordered index scan a month before today.
MAX_SESSION_DAYS = 31


def _bilingual(english: str, chinese: str) -> str:
    return chinese if get_language() == "zh-hans" and chinese else english


def new_token() -> str:
    """An unguessable token for links that need no account (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


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
        """Sessions not over yet (today's included)."""
        from django.utils import timezone

        today = today or timezone.localdate()
        earliest = today - datetime.timedelta(days=MAX_SESSION_DAYS)
        return self.filter(ends_on__gte=today, starts_on__gte=earliest)


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
    # The iCalendar SEQUENCE of the session's event: raised when its dates or place change or
    # it is cancelled, so a participant's calendar replaces the event it was sent.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
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


class Registration(models.Model):
    """One participant of one organization at one session; participants need no account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "cancelled")

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        UNDISCLOSED = "undisclosed", _("prefer not to say")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("organization"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    name = models.CharField(_("participant's name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(
        _("gender"), max_length=20, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(_("waiting list number"), null=True, blank=True)
    # The participant's own links (check-in QR code, evaluation, follow-up): no account needed.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "pk"]
        constraints = [
            # The same participant twice is refused: one active registration per address.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="unique_active_participant_per_session",
            ),
            models.UniqueConstraint(
                fields=["session", "waitlist_position"],
                condition=Q(status="waitlisted"),
                name="unique_waitlist_position",
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | ~Q(status="waitlisted"),
                name="waitlisted_has_position",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "name"], name="registration_roster_idx"),
            models.Index(fields=["organization", "session"], name="registration_org_idx"),
        ]

    def __str__(self):
        return f"{self.name} — {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    """A participant checked in on one day of the session."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="unique_attendance_day")
        ]

    def __str__(self):
        return f"{self.registration.name} — {self.day}"


class Certificate(models.Model):
    """An attendance certificate. Its public verification link carries `token`, never the id."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    file = models.FileField(_("file"), upload_to="certificates/%Y/", max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return str(self.registration)


class Evaluation(models.Model):
    """A participant's feedback on the session, given through an e-mailed link."""

    RATING = [MinValueValidator(1), MaxValueValidator(5)]

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("registration"),
    )
    overall = models.PositiveSmallIntegerField(_("the training overall"), validators=RATING)
    content = models.PositiveSmallIntegerField(_("the content"), validators=RATING)
    trainer = models.PositiveSmallIntegerField(_("the trainers"), validators=RATING)
    most_useful = models.TextField(_("what was most useful"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return str(self.registration)


class ActionPlan(models.Model):
    """An individual or group plan made during the session, revisited at the follow-up."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individual plan")
        GROUP = "group", _("group plan")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="action_plans",
        verbose_name=_("session"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="training_action_plans",
        verbose_name=_("organization"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    goal = models.TextField(_("goal"))
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress_note = models.TextField(_("progress"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["session", "organization", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="group") | Q(registration__isnull=False),
                name="individual_plan_has_participant",
            )
        ]

    def __str__(self):
        return self.goal[:60]


class FollowUp(models.Model):
    """The session's follow-up activity for evaluation and experience sharing."""

    session = models.OneToOneField(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("session"),
    )
    due_on = models.DateField(_("due date"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["due_on"], name="follow_up_due_idx")]

    def __str__(self):
        return f"{self.session} — {self.due_on}"


class FollowUpResponse(models.Model):
    """One participant's report at the follow-up: progress on their plans, in their words."""

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="responses", verbose_name=_("follow-up")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="follow_up_responses",
        verbose_name=_("participant"),
    )
    progress = models.TextField(_("what you did with what you learned"))
    shared_with = models.PositiveIntegerField(
        _("people you passed it on to"), default=0, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up response")
        verbose_name_plural = _("follow-up responses")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "registration"], name="one_follow_up_response_each"
            )
        ]

    def __str__(self):
        return str(self.registration)


class CascadeTraining(models.Model):
    """A training an organization delivered itself to local organizations, passing on what its
    people learned at `session` (directly, or through the cascade training in `parent` that
    reached it: several levels deep)."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="cascade_trainings",
        verbose_name=_("session it passes on"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("the cascade training that reached this organization"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="cascade_trainings_delivered",
        verbose_name=_("delivered by"),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    people_trained = models.PositiveIntegerField(_("people trained"))
    organizations_reached = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="cascade_trainings_attended",
        verbose_name=_("local organizations trained"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cascade training")
        verbose_name_plural = _("cascade trainings")
        ordering = ["session", "level", "held_on", "pk"]
        constraints = [
            # A form sent twice records one training: its people are not counted twice.
            models.UniqueConstraint(
                fields=["organization", "session", "parent", "held_on", "place"],
                nulls_distinct=False,
                name="unique_cascade_training",
                violation_error_message=_("Your organization has already recorded this training."),
            )
        ]

    def __str__(self):
        return f"{self.organization} — {self.held_on}"
