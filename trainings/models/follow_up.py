"""What comes after a session: evaluations, action plans, the follow-up and cascade trainings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registrations import Registration
from .sessions import TrainingSession


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

    def __str__(self):
        return f"{self.organization} — {self.held_on}"
