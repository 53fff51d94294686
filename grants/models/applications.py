import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .funds import FundingRound
from .money import money_field


class GrantApplication(models.Model):
    """An organization's request for money from a round.

    Editable while a draft or while staff wait for more information; `requested_total` is the sum
    of the budget lines (kept by the services), and `review_count` / `average_score` the submitted
    reviews (kept by the review service), so lists and the ranking read one row per application.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        MORE_INFORMATION = "more_information", _("more information requested")
        WITHDRAWN = "withdrawn", pgettext_lazy("grant application", "withdrawn")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    EDITABLE = (Status.DRAFT, Status.MORE_INFORMATION)
    UNDER_REVIEW = (Status.SUBMITTED, Status.MORE_INFORMATION)
    DECIDED = (Status.APPROVED, Status.REJECTED)

    round = models.ForeignKey(
        FundingRound, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("organization"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    region = models.ForeignKey(
        "ngo_portal.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project region"),
    )
    starts_on = models.DateField(_("project starts"), null=True, blank=True)
    ends_on = models.DateField(_("project ends"), null=True, blank=True)
    requested_total = money_field(_("amount requested (CNY)"), default=0, editable=False)
    review_count = models.PositiveIntegerField(_("reviews"), default=0, editable=False)
    average_score = models.DecimalField(
        _("weighted average score"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        editable=False,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-id"]
        constraints = [
            # One live application per organization and round; a withdrawn one may be followed
            # by a new draft.
            models.UniqueConstraint(
                fields=["round", "organization"],
                condition=~Q(status="withdrawn"),
                name="one_live_application_per_round",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="application_timeline_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "status", "-id"], name="application_round_status_idx"),
            models.Index(fields=["round", "-id"], name="application_round_idx"),
            models.Index(fields=["organization", "-id"], name="application_organization_idx"),
            models.Index(
                models.F("round"),
                models.F("average_score").desc(nulls_last=True),
                models.F("id"),
                name="application_ranking_idx",
            ),
        ]

    def __str__(self):
        return self.title or str(_("untitled application"))

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The project cannot end before it starts.")})


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        STAFF = "staff", _("staff costs")
        ACTIVITIES = "activities", _("activities")
        EQUIPMENT = "equipment", _("equipment and materials")
        TRAVEL = "travel", _("travel")
        TRAINING = "training", _("training")
        ADMINISTRATION = "administration", _("administration")
        OTHER = "other", _("other")

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("application"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    amount = money_field(_("amount (CNY)"))
    justification = models.CharField(_("justification"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount}"


def attachment_upload_path(attachment, filename):
    # A random directory: an attachment's address is never guessable from its application's id.
    return f"grants/{attachment.application_id}/{secrets.token_hex(8)}/{filename}"


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_upload_path, max_length=300)
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
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class InformationRequest(models.Model):
    """Staff's question on a submitted application and the applicant's answer: the exchange is
    kept, one row per question, in order."""

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="information_requests",
        verbose_name=_("application"),
    )
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for more information")
        verbose_name_plural = _("requests for more information")
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(answered_at__isnull=True),
                name="one_open_information_request",
            )
        ]

    def __str__(self):
        return self.question[:60]

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
