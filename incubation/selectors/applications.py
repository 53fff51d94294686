"""Applications as staff and reviewers screen them."""

from django.db.models import Count, DecimalField, ExpressionWrapper, F, QuerySet, Sum

from ..filters import ApplicationFilter
from ..models import ApplicationScore, Cohort, CohortApplication, RubricCriterion


def application_list(*, cohort: Cohort, filters) -> tuple[ApplicationFilter, QuerySet]:
    """Submitted applications (no drafts) with their weighted score total per scorer
    (`score_total` / `scorers`), best first, then oldest: two queries per page."""
    weighted = ExpressionWrapper(
        F("scores__score") * F("scores__criterion__weight"),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )
    queryset = (
        CohortApplication.objects.filter(cohort=cohort)
        .exclude(status=CohortApplication.Status.DRAFT)
        .select_related("organization")
        .annotate(score_sum=Sum(weighted), scorers=Count("scores__scorer", distinct=True))
        .order_by("submitted_at", "pk")
    )
    filterset = ApplicationFilter(filters, queryset=queryset)
    return filterset, filterset.qs


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
