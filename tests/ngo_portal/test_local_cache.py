import pytest
from django.db import connection
from django.urls import reverse

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
