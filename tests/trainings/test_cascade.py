"""Cascade trainings: who may record one, and the reach totals with repeats and three levels."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.organizations.factories import OrganizationFactory, region_tree
from trainings import services
from trainings.models import CascadeTraining
from trainings.selectors import cascade_reach

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def record(member, organization, session=None, parent=None, reached=(), people=10):
    training = CascadeTraining(
        organization=organization,
        session=session or parent.session,
        parent=parent,
        held_on=datetime.date(2030, 9, 1),
        place="Xining",
        people_trained=people,
    )
    return services.cascade_training_record(
        training=training, organizations_reached=reached, by=member
    )


def test_reach_counts_an_organization_once_across_three_levels(session, member_of):
    regions = region_tree()
    qinghai, jiangsu = regions["chengzhong"], regions["gulou"]
    core = [OrganizationFactory(region=qinghai) for _ in range(2)]
    for organization in core:
        RegistrationFactory(session=session, organization=organization)
    RegistrationFactory(session=session, organization=core[0])  # two people of one organization
    local = [OrganizationFactory(region=qinghai) for _ in range(3)] + [
        OrganizationFactory(region=jiangsu)
    ]

    level1 = record(member_of(core[0]), core[0], session=session, reached=local[:2], people=20)
    # Reached again by another core organization, and a core one counted as trained directly.
    record(member_of(core[1]), core[1], session=session, reached=[local[1], core[0]], people=5)
    level2 = record(
        member_of(local[0]), local[0], parent=level1, reached=[local[2], local[1]], people=7
    )
    level3 = record(member_of(local[2]), local[2], parent=level2, reached=[local[3]], people=3)

    reach = cascade_reach(session=session)

    assert (level2.level, level3.level) == (2, 3)
    assert (reach.direct_organizations, reach.direct_people) == (2, 3)
    assert reach.cascaded_organizations == 4  # local[0..3], each once; core[0] not again
    assert reach.cascaded_people == 20 + 5 + 7 + 3
    assert (reach.total_organizations, reach.total_people) == (6, 38)
    assert reach.provinces == 2 and reach.levels == 3 and reach.trainings == 4
    assert [child.training for child in reach.roots[0].children] == [level2]
    assert [child.training for child in reach.roots[0].children[0].children] == [level3]


def test_only_organizations_that_attended_or_were_reached_record_one(session, member_of):
    attended, stranger = OrganizationFactory(), OrganizationFactory()
    RegistrationFactory(session=session, organization=attended)
    first = record(member_of(attended), attended, session=session, reached=[OrganizationFactory()])

    with pytest.raises(ValidationError, match="no participant"):
        record(member_of(stranger), stranger, session=session)
    with pytest.raises(ValidationError, match="not trained at that cascade"):
        record(member_of(stranger), stranger, parent=first)
    with pytest.raises(PermissionDenied):
        record(member_of(), attended, session=session)
    with pytest.raises(ValidationError, match="cannot list itself"):
        record(member_of(attended), attended, session=session, reached=[attended])


def test_a_cascade_training_cannot_come_before_what_it_passes_on(session, member_of):
    """Dates out of order are refused at the date: a level-1 training before the session's
    first day, a deeper one before the training that trained its organization."""
    core, local = OrganizationFactory(), OrganizationFactory()
    RegistrationFactory(session=session, organization=core)
    early = CascadeTraining(
        organization=core,
        session=session,
        held_on=session.starts_on - datetime.timedelta(days=1),
        place="Xining",
        people_trained=5,
    )
    with pytest.raises(ValidationError) as refused:
        services.cascade_training_record(
            training=early, organizations_reached=[], by=member_of(core)
        )
    assert "held_on" in refused.value.message_dict
    assert not CascadeTraining.objects.exists()

    level1 = record(member_of(core), core, session=session, reached=[local])
    deeper = CascadeTraining(
        organization=local,
        session=session,
        parent=level1,
        held_on=level1.held_on - datetime.timedelta(days=1),
        place="Xining",
        people_trained=5,
    )
    with pytest.raises(ValidationError) as refused:
        services.cascade_training_record(
            training=deeper, organizations_reached=[], by=member_of(local)
        )
    assert "held_on" in refused.value.message_dict
    assert CascadeTraining.objects.count() == 1


def test_a_programs_reach_counts_each_organization_once_across_sessions(center, member_of):
    """The program's totals: an organization trained at one session and reached by another's
    cascade counts as trained directly; one reached by two sessions' cascades counts once."""
    from trainings.selectors import program_statistics

    from .factories import TrainingProgramFactory, TrainingSessionFactory

    program = TrainingProgramFactory(center=center, planned_sessions=2)
    first = TrainingSessionFactory(center=center, program=program, number=1)
    second = TrainingSessionFactory(center=center, program=program, number=2)
    core1, core2, direct_elsewhere, local = (OrganizationFactory() for _ in range(4))
    RegistrationFactory(session=first, organization=core1)
    RegistrationFactory(session=second, organization=core2)
    RegistrationFactory(session=second, organization=direct_elsewhere)
    record(member_of(core1), core1, session=first, reached=[local, direct_elsewhere], people=9)
    record(member_of(core2), core2, session=second, reached=[local], people=4)

    statistics = program_statistics(program=program)

    by_session = {session.pk: figures.reach for session, figures in statistics.rows}
    assert by_session[first.pk].cascaded_organizations == 2  # local, direct_elsewhere
    assert by_session[second.pk].cascaded_organizations == 1  # local
    total = statistics.total.reach
    assert (total.direct_organizations, total.cascaded_organizations) == (3, 1)
    assert (total.cascaded_people, total.total_organizations) == (13, 4)


@pytest.mark.parametrize(("language", "name"), [("en", "Qiaotou Team"), ("zh-hans", "桥头队")])
def test_the_reach_tree_names_organizations_in_the_pages_language(
    session, member_of, language, name
):
    from django.utils import translation

    core = OrganizationFactory()
    local = OrganizationFactory(name_zh="桥头队", name_en="Qiaotou Team")
    RegistrationFactory(session=session, organization=core)
    record(member_of(core), core, session=session, reached=[local])
    with translation.override(language):
        reach = cascade_reach(session=session)
    assert reach.roots[0].reached == [(local.pk, name)]


def test_a_cascade_training_sent_twice_is_recorded_once(session, member_of):
    core, local = OrganizationFactory(), OrganizationFactory()
    RegistrationFactory(session=session, organization=core)
    member = member_of(core)
    record(member, core, session=session, reached=[local], people=20)
    with pytest.raises(ValidationError) as refused:
        record(member, core, session=session, reached=[local], people=20)
    assert "already recorded" in str(refused.value)
    assert cascade_reach(session=session).cascaded_people == 20


def test_an_action_plan_cannot_be_due_before_the_session(session, member_of):
    from trainings.models import ActionPlan

    registration = RegistrationFactory(session=session)
    plan = ActionPlan(
        session=session,
        organization=registration.organization,
        registration=registration,
        kind=ActionPlan.Kind.INDIVIDUAL,
        goal="Budget",
        owner="Ann",
        due_on=session.starts_on - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        services.action_plan_save(plan=plan, by=member_of(registration.organization))
    assert "due_on" in refused.value.message_dict
    assert not ActionPlan.objects.exists()
