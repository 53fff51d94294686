"""Applications as staff and reviewers screen them."""

from django.db.models import Count, DecimalField, ExpressionWrapper, F, QuerySet, Sum

from ..filters import ApplicationFilter
from ..models import ApplicationScore, Cohort, CohortApplication, RubricCriterion

LIST_FIELDS = (
    *("id", "cohort_id", "organization_id", "status", "submitted_at"),
    *("organization__id", "organization__name_zh", "organization__name_en"),
)


def application_list(*, cohort: Cohort, filters) -> tuple[ApplicationFilter, QuerySet]:
    """Submitted applications (no drafts), oldest first: the page's count and rows are two
    plain queries; `application_score_totals` adds the scores of the rows shown."""
    queryset = (
        CohortApplication.objects.filter(cohort=cohort)
        .exclude(status=CohortApplication.Status.DRAFT)
        .select_related("organization")
        .only(*LIST_FIELDS)
        .order_by("submitted_at", "pk")
    )
    filterset = ApplicationFilter(filters, queryset=queryset)
    return filterset, filterset.qs


def application_score_totals(applications: list) -> list:
    """Set `score_sum` (weighted, all scorers) and `scorers` on each application: one query."""
    weighted = ExpressionWrapper(
        F("score") * F("criterion__weight"),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )
    totals = {
        row["application_id"]: row
        for row in ApplicationScore.objects.filter(application__in=[a.pk for a in applications])
        .values("application_id")
        .annotate(total=Sum(weighted), scorers=Count("scorer", distinct=True))
        .order_by()
    }
    for application in applications:
        found = totals.get(application.pk, {})
        application.score_sum = found.get("total")
        application.scorers = found.get("scorers", 0)
    return applications


def application_rubric(*, application: CohortApplication, scorer) -> list[dict]:
    """Per criterion: the criterion, this scorer's score and comment, and the mean of all."""
    criteria = list(RubricCriterion.objects.filter(cohort=application.cohort_id))
    scores = list(ApplicationScore.objects.filter(application=application))
    rows = []
    for criterion in criteria:
        mine = next(
            (s for s in scores if s.criterion_id == criterion.pk and s.scorer_id == scorer.pk),
            None,
        )
        all_scores = [s.score for s in scores if s.criterion_id == criterion.pk]
        rows.append(
            {
                "criterion": criterion,
                "mine": mine,
                "mean": round(sum(all_scores) / len(all_scores), 2) if all_scores else None,
                "count": len(all_scores),
            }
        )
    return rows


def application_answers(*, application: CohortApplication) -> list[tuple]:
    """(question, answer) in the call's order."""
    return [
        (question, application.answers.get(str(question.pk), ""))
        for question in application.cohort.questions.all()
    ]


def application_snapshot(*, application: CohortApplication) -> list[tuple[str, str]]:
    """(field label, value) of the profile snapshot, in the profile's field order; empty
    values left out; a choice shown by its label in the current language, not its code."""
    from organizations.models import Organization

    fields = {
        field.name: field
        for field in Organization._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    rows = []
    for name, value in application.profile_snapshot.items():
        if value in ("", None, []):
            continue
        field = fields.get(name)
        choices = {}
        if field is not None:
            base = getattr(field, "base_field", field)
            choices = {str(key): label for key, label in (base.flatchoices or [])}
        values = value if isinstance(value, list) else [value]
        shown = ", ".join(str(choices.get(str(item), item)) for item in values)
        rows.append((field.verbose_name if field is not None else name, shown))
    return rows
