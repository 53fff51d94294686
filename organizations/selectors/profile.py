"""Reads for the profile page and the registration form: recent changes, similar names."""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q
from django.db.models.functions import Greatest

from ngo_portal.text import to_simplified

from ..models import Organization
from ..permissions import can_view_organization

RECENT_CHANGES = 5
# Derived copies of other fields: listing them as changes would say the same thing twice.
UNLISTED_CHANGES = {"region_code"}
DUPLICATE_SIMILARITY = 0.5


def organization_recent_changes(*, organization, limit: int = RECENT_CHANGES) -> list[dict]:
    """Who changed which fields when, newest first, from django-simple-history's records.

    One query: the record just before the oldest shown is read too, to diff against it.
    """
    records = list(
        organization.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    changes = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        fields = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=UNLISTED_CHANGES)
            fields = [Organization._meta.get_field(c.field).verbose_name for c in delta.changes]
        changes.append(
            {
                "user": newer.history_user,
                "date": newer.history_date,
                "created": newer.history_type == "+",
                "fields": fields,
            }
        )
    return changes


@dataclass(frozen=True)
class LikelyDuplicates:
    """Organizations with a similar name: those the user may see, by name; of the others only
    that they exist, so the warning never tells an outsider a private organization's name."""

    visible: list[Organization]
    hidden: int

    def __bool__(self) -> bool:
        return bool(self.visible or self.hidden)


def organization_likely_duplicates(
    *, user, name_zh: str, name_en: str = "", exclude_pk=None, limit: int = 5
) -> LikelyDuplicates:
    """Organizations whose Chinese or English name is the same or similar (trigram similarity of
    at least 0.5), the Chinese name compared as typed and in simplified characters (基金會 is
    基金会). The % operator (similarity >= 0.3) lets a trigram index narrow the rows."""
    names = list(dict.fromkeys([name_zh, to_simplified(name_zh)]))
    similar = Q()
    for name in names:
        similar |= Q(name_zh=name) | Q(name_zh__trigram_similar=name)
    if name_en:
        similar |= Q(name_en__iexact=name_en) | Q(name_en__trigram_similar=name_en)
    matches = list(
        Organization.objects.filter(similar)
        .exclude(pk=exclude_pk)
        .annotate(
            similarity=Greatest(
                *(TrigramSimilarity("name_zh", name) for name in names),
                TrigramSimilarity("name_en", name_en),
            )
        )
        .filter(
            Q(similarity__gte=DUPLICATE_SIMILARITY)
            | Q(name_zh__in=names)
            | (Q(name_en__iexact=name_en) if name_en else Q(pk__in=[]))
        )
        .select_related("region__parent__parent")
        .order_by("-similarity", "pk")[:limit]
    )
    visible = [match for match in matches if can_view_organization(user, match)]
    return LikelyDuplicates(visible, len(matches) - len(visible))
