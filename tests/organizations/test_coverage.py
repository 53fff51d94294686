import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngo_portal.models import Community
from organizations.selectors import community_coverage
from organizations.selectors import coverage as selectors
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import CommunityFactory, OrganizationFactory, region_tree

pytestmark = pytest.mark.django_db

URL = reverse("organizations:coverage")
URBAN, RURAL = Community.AreaType.URBAN, Community.AreaType.RURAL


def community(name_zh, name_en, area_type, region):
    return CommunityFactory(name_zh=name_zh, name_en=name_en, area_type=area_type, region=region)


@pytest.fixture
def communities():
    """Gulou: an urban community with 10 organizations (meets 10), one with 3 (short by 7), a
    rural one with 5 (meets 5). Chengzhong: a rural one with 1 (short by 4)."""
    regions = region_tree()
    made = {
        "full": community("幸福社区", "Xingfu Shequ", URBAN, regions["gulou"]),
        "short": community("和平社区", "Heping Shequ", URBAN, regions["gulou"]),
        "village": community("青石村", "Qingshi Cun", RURAL, regions["gulou"]),
        "far": community("东关村", "Dongguan Cun", RURAL, regions["chengzhong"]),
    }
    for key, count in (("full", 10), ("short", 3), ("village", 5), ("far", 1)):
        for _n in range(count):
            OrganizationFactory(community=made[key], region=made[key].region)
    OrganizationFactory(community=None)  # counted nowhere
    return made


def test_summary_counts_communities_meeting_their_target(communities):
    report = community_coverage(filters={})
    assert report.summary == {
        "communities": 4,
        "meeting": 2,
        "urban": 2,
        "urban_meeting": 1,
        "rural": 2,
        "rural_meeting": 1,
    }
    assert report.percent_meeting == 50.0


def test_communities_below_target_come_largest_shortfall_first(communities):
    report = community_coverage(filters={})
    rows = [(c.name_zh, c.organization_count, c.target, c.shortfall) for c in report.page]
    assert rows == [("和平社区", 3, 10, 7), ("东关村", 1, 5, 4)]
    assert report.page.paginator.count == 2


def test_filtered_by_region(communities):
    report = community_coverage(filters={"province": "630000"})
    assert report.summary["communities"] == 1
    assert [c.name_zh for c in report.page] == ["东关村"]
    report = community_coverage(filters={"province": "320000", "city": "320100"})
    assert report.summary["communities"] == 3
    assert report.percent_meeting == pytest.approx(66.7)


def test_no_communities(db):
    region_tree()
    report = community_coverage(filters={})
    assert report.summary["communities"] == 0
    assert report.percent_meeting is None
    assert list(report.page) == []


def test_page_shows_the_summary_and_the_shortfalls(staff_client, communities):
    response = staff_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Heping Shequ", "Dongguan Cun", "Jiangsu Sheng · Nanjing Shi · Gulou Qu", "50.0%"):
        assert text in page
    assert "Xingfu Shequ" not in page  # meets its target
    assert "Qingshi Cun" not in page


def test_pages_of_communities_below_target(staff_client, monkeypatch):
    monkeypatch.setattr(selectors, "COVERAGE_PAGE_SIZE", 2)
    gulou = region_tree()["gulou"]
    for n in range(5):
        CommunityFactory(name_zh=f"第{n}社区", area_type=URBAN, region=gulou)
    first = staff_client.get(URL)
    second = staff_client.get(URL, {"page": 3})
    assert len(first.context["report"].page) == 2
    assert [c.name_zh for c in second.context["report"].page] == ["第4社区"]
    assert "Next page" in first.content.decode()


def test_query_count_does_not_grow_with_the_communities(staff_client):
    gulou = region_tree()["gulou"]

    def queries():
        staff_client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(URL).status_code == 200
        return len(captured)

    for n in range(3):
        OrganizationFactory(community=CommunityFactory(name_zh=f"小{n}社区", region=gulou))
    small = queries()
    for n in range(40):
        rural = CommunityFactory(name_zh=f"大{n}社区", region=gulou, area_type=RURAL)
        OrganizationFactory(community=rural)
    assert queries() == small


def test_staff_only(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    client.force_login(CenterMembershipFactory(role="mentor").user)
    assert client.get(URL).status_code == 403
