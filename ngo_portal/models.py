from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager):
    """E-mail is the login: there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # One field: Chinese names do not split into first and last the way forms expect.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email.split("@")[0]


class Center(models.Model):
    """An incubation center; cohorts, trainings and rounds belong to one, staff rights are per center."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    city = models.CharField(_("city (English)"), max_length=100, blank=True)
    city_zh = models.CharField(_("city (Chinese)"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_zh if get_language() == "zh-hans" and self.name_zh else self.name

    @property
    def display_city(self):
        return self.city_zh if get_language() == "zh-hans" and self.city_zh else self.city

    @property
    def display_description(self):
        if get_language() == "zh-hans" and self.description_zh:
            return self.description_zh
        return self.description


class CenterMembership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("manager")
        OFFICER = "officer", _("officer")
        REVIEWER = "reviewer", _("reviewer")
        MENTOR = "mentor", _("mentor")

    # Managers and officers run programs; reviewers and mentors only see what is assigned to them.
    STAFF_ROLES = (Role.MANAGER, Role.OFFICER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="center_memberships",
        verbose_name=_("user"),
    )
    center = models.ForeignKey(
        Center, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("center")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("center membership")
        verbose_name_plural = _("center memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "center"], name="unique_center_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.center} ({self.get_role_display()})"

    @property
    def is_staff_role(self):
        return self.role in self.STAFF_ROLES


class Notification(models.Model):
    """The e-mail outbox: one row per message an e-mail address is owed.

    Addressed to an e-mail address, so that people without an account (trainees, invitees,
    outside reviewers) are reached the same way as users; `user`, when set, is the account
    behind the address, whose preferred language (and, later, preferences) apply. Without one,
    `language` says which language the sender asked for.

    The unique key (kind, object, address, due date) makes scheduling and sending idempotent: a
    task or a beat run that happens twice finds the row already there, or already sent. Kinds are
    registered by the apps (`ngo_portal.notification_kinds`), so adding one needs no migration.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # The object it was about is gone, or no longer wants it (a withdrawn invitation).
        CANCELLED = "cancelled", _("no longer needed")

    kind = models.CharField(_("kind"), max_length=50)
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Used when the address has no account; otherwise the user's language applies."),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("object type"),
    )
    object_id = models.PositiveBigIntegerField(_("object ID"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    # [{"storage_name": ..., "file_name": ..., "mime_type": ...}]: files read through
    # default_storage when the message is sent, so any web or worker machine can send it.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "email", "due_date"],
                name="unique_notification_per_object_address_and_due_date",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="notification_due_idx")]

    def __str__(self):
        return f"{self.kind} → {self.email} ({self.due_date})"


class Region(models.Model):
    """An administrative division of GB/T 2260: province, city (prefecture) or county level."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")
        COUNTY = "county", _("county")

    code = models.CharField(_("GB/T 2260 code"), max_length=6, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (pinyin)"), max_length=200)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"], name="region_level_code_idx")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_zh if get_language() == "zh-hans" else self.name_en

    @property
    def province_code(self):
        return self.code[:2] + "0000"


class Community(models.Model):
    """A 社区 (urban) or village (rural) under a county-level region."""

    class AreaType(models.TextChoices):
        URBAN = "urban", _("urban")
        RURAL = "rural", _("rural")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="communities", verbose_name=_("county")
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (pinyin)"), max_length=200, blank=True)
    area_type = models.CharField(_("urban or rural"), max_length=10, choices=AreaType.choices)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["region__code", "name_zh"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name_zh"], name="unique_community_in_region")
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if get_language() == "zh-hans" or not self.name_en:
            return self.name_zh
        return self.name_en


class Report(models.Model):
    """One generated file or one piece of work longer than a second: a PDF, an export, an import.

    A worker runs it by its ID (ngo_portal.jobs); the page polls its status and progress. The file
    is stored through the storage API and deleted once `expires_at` has passed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    FINISHED = (Status.DONE, Status.FAILED)

    # Kinds are validated against the job registry, not by the column: a new kind needs no migration.
    kind = models.CharField(_("kind"), max_length=50)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("object type"),
    )
    object_id = models.PositiveBigIntegerField(_("object ID"), null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    subject.verbose_name = _("subject")  # GenericForeignKey takes no verbose_name argument
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    # What the job found, for its page (counts, a per-row report); the file holds the rest.
    result = models.JSONField(_("result"), default=dict, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    center = models.ForeignKey(
        Center,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("center"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    # An estimate for some kinds (an import counts its file's rows roughly): done may pass it.
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    progress_line = models.CharField(_("doing"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requested_by", "-id"], name="report_requester_idx"),
            models.Index(fields=["expires_at"], name="report_expiry_idx"),
            # The jobs of one subject (an assessment's reports, a session's certificates).
            models.Index(fields=["content_type", "object_id", "-id"], name="report_subject_idx"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def kind_label(self) -> str:
        from .jobs.registry import job_kind_label

        return job_kind_label(self.kind)

    @property
    def result_url(self) -> str | None:
        """Where the kind shows the outcome (an import's report), once the job is done."""
        from .jobs.registry import job_result_url

        return job_result_url(self) if self.status == self.Status.DONE else None


class NotificationOptOut(models.Model):
    """An e-mail address that asked not to receive one optional kind of e-mail (from the settings
    page, or the one-click unsubscribe link of such an e-mail). Keyed by address, so people
    without an account (trainees) can opt out too. The outbox reads it when it sends: a message
    of an opted-out kind is not sent. Required kinds (invitations, decisions) ignore it."""

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=50)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail opt-out")
        verbose_name_plural = _("e-mail opt-outs")
        ordering = ["email", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_opt_out_per_address_kind")
        ]

    def __str__(self):
        return f"{self.email}: {self.kind}"


class CenterImpactPage(models.Model):
    """A center's public impact page: off until a manager turns it on, and then showing only the
    figures chosen (keys of the dashboard's public figures), never anything about one person."""

    center = models.OneToOneField(
        Center, on_delete=models.CASCADE, related_name="impact_page", verbose_name=_("center")
    )
    is_published = models.BooleanField(_("published"), default=False)
    figures = models.JSONField(_("figures shown"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("impact page")
        verbose_name_plural = _("impact pages")

    def __str__(self):
        return str(self.center)
