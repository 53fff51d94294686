from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .applications import BudgetLine, GrantApplication
from .money import money_field


class Award(models.Model):
    """The money granted to an approved application, paid in tranches and accounted for in the
    required reports; closed once every report is accepted."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("grant award", "active")
        CLOSED = "closed", _("closed")

    application = models.OneToOneField(
        GrantApplication,
        on_delete=models.PROTECT,
        related_name="award",
        verbose_name=_("application"),
    )
    # Copy of application.round: the committed total of a round is a sum over this column.
    round = models.ForeignKey(
        "grants.FundingRound",
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("round"),
        editable=False,
    )
    amount = money_field(_("amount awarded (CNY)"))
    agreement_date = models.DateField(_("agreement date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="award_positive")]

    def __str__(self):
        return f"{self.application} — {self.amount}"


class Disbursement(models.Model):
    """One tranche of an award: planned for a date, paid when `paid_on` is set."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="disbursements", verbose_name=_("award")
    )
    amount = money_field(_("amount (CNY)"))
    planned_on = models.DateField(_("planned for"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive")
        ]

    def __str__(self):
        return f"{self.amount} ({self.planned_on})"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class GrantReport(models.Model):
    """A report the grantee owes: narrative, beneficiaries reached, spending per budget line."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        DUE = "due", _("due")
        SUBMITTED = "submitted", _("submitted")
        SENT_BACK = "sent_back", _("sent back for changes")
        ACCEPTED = "accepted", _("accepted")

    EDITABLE = (Status.DUE, Status.SENT_BACK)

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="reports", verbose_name=_("award")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(pgettext_lazy("grant report", "due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE
    )
    narrative = models.TextField(_("narrative"), blank=True)
    beneficiaries_reached = models.PositiveIntegerField(
        _("beneficiaries reached"), null=True, blank=True
    )
    staff_comment = models.TextField(_("staff comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="grant_report_due_idx")]
        constraints = [
            # A second click on "Require the report" must not ask the grantee for it twice.
            models.UniqueConstraint(
                fields=["award", "kind", "due_on"],
                name="one_report_per_kind_and_due_date",
                violation_error_message=_("This report is already required for that date."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_on})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ReportSpending(models.Model):
    report = models.ForeignKey(
        GrantReport, on_delete=models.CASCADE, related_name="spending", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="+", verbose_name=_("budget line")
    )
    amount = money_field(_("spent (CNY)"))

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "budget_line"], name="one_spending_per_budget_line"
            )
        ]

    def __str__(self):
        return f"{self.budget_line}: {self.amount}"
