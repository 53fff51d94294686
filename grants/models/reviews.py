import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .applications import GrantApplication
from .funds import ReviewCriterion


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ReviewAssignment(models.Model):
    """A reviewer asked to score one application.

    An outside reviewer is invited by e-mail: `reviewer` stays empty until they sign in and
    accept with the token. A reviewer who declares a conflict of interest is unassigned: the row
    stays, as the record of the declaration, and gives no access.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ASSIGNED = "assigned", _("assigned")
        COMPLETED = "completed", _("review submitted")
        CONFLICT = "conflict", _("conflict of interest declared")

    ACTIVE = (Status.ASSIGNED, Status.COMPLETED)

    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    invited_email = models.EmailField(_("invited e-mail"), blank=True)
    invitation_token = models.CharField(
        _("invitation token"), max_length=64, unique=True, default=new_token, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                condition=Q(reviewer__isnull=False),
                name="one_assignment_per_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=False) | ~Q(invited_email=""),
                name="assignment_has_reviewer_or_email",
            ),
            # The services store invited addresses in lower case.
            models.UniqueConstraint(
                fields=["application", "invited_email"],
                condition=~Q(invited_email=""),
                name="one_invitation_per_address",
            ),
        ]
        indexes = [
            # A reviewer's list: newest first, the status (two of four values) checked per row.
            models.Index(fields=["reviewer", "-id"], name="assignment_reviewer_newest_idx")
        ]

    def __str__(self):
        return f"{self.reviewer or self.invited_email} — {self.application}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Review(models.Model):
    """A reviewer's scores on one assignment. `weighted_score` is Σ(score × weight) / Σ(weight)
    over the round's criteria (0-5), computed by the service that saves it."""

    class Recommendation(models.TextChoices):
        YES = "yes", _("yes, fund it")
        MAYBE = "maybe", _("maybe")
        NO = "no", _("no")

    assignment = models.OneToOneField(
        ReviewAssignment,
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("assignment"),
    )
    # Copies of the assignment's, so exports and averages need no join.
    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("application"),
        editable=False,
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices
    )
    comment = models.TextField(_("overall comment"), blank=True)
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=3, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-id"]
        indexes = [models.Index(fields=["application"], name="review_application_idx")]

    def __str__(self):
        return f"{self.assignment} ({self.weighted_score})"


class CriterionScore(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        ReviewCriterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score (0-5)"), validators=[MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__lte=5), name="score_at_most_5"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
