"""Fixtures of the incubation tests: a center with its staff, a cohort, organizations and their
owners, enrollments, and assessments scored to given levels."""

import pytest

from incubation import services
from incubation.models import CapacityAssessment, IndicatorScore
from ngo_portal.models import CenterMembership
from organizations.models import OrganizationMembership
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

from .factories import CohortFactory, EnrollmentFactory

Role = CenterMembership.Role


@pytest.fixture(autouse=True)
def default_capacity_framework(request):
    """The framework the data migration ships. A transactional test (here or in any app) ends
    with a flush that deletes it, and --reuse-db keeps that database for the next run: so it
    is put back, by the migration's own function, when missing."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    services.framework_default_ensure()


@pytest.fixture
def center():
    return CenterFactory(
        slug="amity-ndc", name="Amity NGO Development Center", name_zh="爱德社会组织发展中心"
    )


@pytest.fixture
def officer(center):
    return CenterMembershipFactory(
        center=center, role=Role.OFFICER, user=UserFactory(full_name="Chen Jing")
    ).user


@pytest.fixture
def reviewer(center):
    return CenterMembershipFactory(center=center, role=Role.REVIEWER).user


@pytest.fixture
def mentor(center):
    return CenterMembershipFactory(
        center=center, role=Role.MENTOR, user=UserFactory(full_name="Lai Yingcai")
    ).user


@pytest.fixture
def cohort(center):
    return CohortFactory(center=center, capacity=2)


@pytest.fixture
def organization():
    return OrganizationFactory(
        name_zh="南京鼓楼夕阳红养老服务中心", name_en="Nanjing Gulou Sunset Care Center"
    )


@pytest.fixture
def owner(organization):
    return OrganizationMembershipFactory(
        organization=organization,
        role=OrganizationMembership.Role.OWNER,
        user=UserFactory(full_name="Wang Xiuying", email="wang@example.org"),
    ).user


@pytest.fixture
def enrollment(cohort, organization, owner):
    return EnrollmentFactory(cohort=cohort, organization=organization)


@pytest.fixture
def scored_assessment(officer):
    """`scored_assessment(enrollment, kind, levels, on=date, finalize=True)`: levels is a
    function (area key, indicator index) -> level 1-4 or "na"; finalize True finalizes (without
    its report job), "submitted" submits, False leaves a draft."""

    def make(enrollment, kind, levels, on=None, finalize=True):
        assessment = services.assessment_start(
            enrollment=enrollment, kind=kind, by=officer, assessed_on=on
        )
        scores = {}
        for index, row in enumerate(
            IndicatorScore.objects.filter(assessment=assessment)
            .select_related("indicator__area")
            .order_by("pk")
        ):
            scores[row.indicator_id] = {
                "level": str(levels(row.indicator.area.key, index)),
                "evidence": "seen",
            }
        services.assessment_scores_save(assessment=assessment, by=officer, scores=scores)
        if finalize:
            services.assessment_submit(assessment=assessment, by=officer)
        if finalize is True:
            CapacityAssessment.objects.filter(pk=assessment.pk).update(
                status=CapacityAssessment.Status.FINALIZED
            )
        assessment.refresh_from_db()
        return assessment

    return make
