import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from ngo_portal.models import Region
from ngo_portal.selectors import region_path_names
from tests.ngo_portal.factories import CenterFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_host_center_heads_the_next_page(client, settings):
    settings.PORTAL_HOST_CENTER = "renamed-center"
    center = CenterFactory(slug="renamed-center", name="Old Name")
    assert "Old Name" in client.get(reverse("home")).content.decode()

    center.name = "New Name"
    center.save()

    page = client.get(reverse("home")).content.decode()
    assert "New Name" in page
    assert "Old Name" not in page


def test_a_deleted_host_center_no_longer_heads_the_pages(client, settings):
    settings.PORTAL_HOST_CENTER = "closing-center"
    center = CenterFactory(slug="closing-center", name="Closing Center")
    assert "Closing Center" in client.get(reverse("home")).content.decode()

    center.delete()

    assert "Closing Center" not in client.get(reverse("home")).content.decode()


def test_the_portals_connections_start_no_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_a_region_written_without_signals_is_named_on_first_use():
    jiangsu = Region.objects.create(
        code="320000", level="province", name_zh="江苏省", name_en="Jiangsu Sheng"
    )
    assert region_path_names(jiangsu.pk) == ["Jiangsu Sheng"]
    # As load_regions writes, in bulk: no signal clears the process's copy.
    (nanjing,) = Region.objects.bulk_create(
        [
            Region(
                code="320100", level="city", name_zh="南京市", name_en="Nanjing Shi", parent=jiangsu
            )
        ]
    )

    assert region_path_names(nanjing.pk) == ["Jiangsu Sheng", "Nanjing Shi"]
    with translation.override("zh-hans"):
        assert region_path_names(nanjing.pk) == ["江苏省", "南京市"]
