"""The reach of a session: its own participants' organizations, then the cascade trainings they
delivered, and those the organizations they trained delivered in turn, as a tree with totals.

An organization reached twice (by two cascade trainings, or trained directly and again through a
cascade) is counted once; people trained are the sum of what each training reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import get_language

from ..models import CascadeTraining, Registration
from ..rules import province_code


@dataclass
class CascadeNode:
    training: CascadeTraining
    reached: list[tuple[int, str]] = field(default_factory=list)  # (organization id, name)
    children: list["CascadeNode"] = field(default_factory=list)


@dataclass
class CascadeReach:
    roots: list[CascadeNode] = field(default_factory=list)
    direct_organizations: int = 0
    direct_people: int = 0
    cascaded_organizations: int = 0
    cascaded_people: int = 0
    provinces: int = 0
    levels: int = 0
    trainings: int = 0

    @property
    def total_organizations(self) -> int:
        return self.direct_organizations + self.cascaded_organizations

    @property
    def total_people(self) -> int:
        return self.direct_people + self.cascaded_people


def cascade_reach(*, session) -> CascadeReach:
    """The session's reach in three queries."""
    return cascade_reach_many(sessions=[session])[session.pk]


def cascade_reach_many(*, sessions) -> dict[int, CascadeReach]:
    """{session id: reach} for several sessions in three queries."""
    return cascade_reach_with_total(sessions=sessions)[0]


def cascade_reach_with_total(*, sessions) -> tuple[dict[int, CascadeReach], CascadeReach]:
    """({session id: reach}, the sessions' reach together), in three queries. Together, an
    organization trained at one session and reached by a cascade of another counts once, as
    trained directly; one reached by cascades of two sessions counts once."""
    ids = [session.pk for session in sessions]
    direct = defaultdict(dict)  # session id → {organization id: region code}
    people = defaultdict(int)
    for session_id, organization_id, region_code in Registration.objects.filter(
        session_id__in=ids, status=Registration.Status.CONFIRMED
    ).values_list("session_id", "organization_id", "organization__region_code"):
        direct[session_id][organization_id] = region_code
        people[session_id] += 1
    trainings = list(
        CascadeTraining.objects.filter(session_id__in=ids)
        .select_related("organization")
        .order_by("level", "held_on", "pk")
    )
    reached = defaultdict(list)
    Through = CascadeTraining.organizations_reached.through
    english = get_language() != "zh-hans"
    for training_id, organization_id, name_zh, name_en, region_code in Through.objects.filter(
        cascadetraining__session_id__in=ids
    ).values_list(
        "cascadetraining_id",
        "organization_id",
        "organization__name_zh",
        "organization__name_en",
        "organization__region_code",
    ):
        name = name_en if english and name_en else name_zh  # the page's language
        reached[training_id].append((organization_id, name, region_code))
    per_session = {
        session_id: _reach(
            direct[session_id],
            people[session_id],
            [t for t in trainings if t.session_id == session_id],
            reached,
        )
        for session_id in ids
    }
    together = {}
    for session_id in ids:
        together.update(direct[session_id])
    total = _reach(together, sum(people.values()), trainings, reached)
    return per_session, total


def _reach(direct: dict, direct_people: int, trainings, reached) -> CascadeReach:
    regions = dict(direct)
    nodes = {}
    roots = []
    for training in trainings:
        node = CascadeNode(training, [(pk, name) for pk, name, _code in reached[training.pk]])
        nodes[training.pk] = node
        parent = nodes.get(training.parent_id)
        (parent.children if parent is not None else roots).append(node)
        for pk, _name, code in reached[training.pk]:
            regions.setdefault(pk, code)
    provinces = {province_code(code) for code in regions.values() if code}
    return CascadeReach(
        roots=roots,
        direct_organizations=len(direct),
        direct_people=direct_people,
        cascaded_organizations=len(set(regions) - set(direct)),
        cascaded_people=sum(training.people_trained for training in trainings),
        provinces=len(provinces),
        levels=max((training.level for training in trainings), default=0),
        trainings=len(trainings),
    )
