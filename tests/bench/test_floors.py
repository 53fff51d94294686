"""The bench's floors on tiny data: the minimal view beside each page, the raw COPY beside the
import. Timings themselves are not asserted (no timed tests), only that they are taken."""

import pytest
from django.db import connection
from django.urls import reverse

from bench.import_speed import SCRATCH, raw_copy_seconds
from bench.pages import FLOOR_URL, Timing, time_in_process
from tests.organizations.factories import OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_the_floor_is_a_minimal_view_reached_only_through_the_bench_urls(client):
    assert client.get(FLOOR_URL).content == b"ok"


@pytest.mark.urls("ngo_portal.urls")
def test_the_portal_does_not_serve_the_floor(client):
    assert client.get(FLOOR_URL).status_code == 404


def test_each_page_run_is_followed_by_a_floor_run(client):
    OrganizationFactory.create_batch(3, is_public=True)
    url = reverse("organizations:organization_list")

    timing = time_in_process(client, "first page", url, runs=4, warmup=1)

    assert not timing.problem
    assert len(timing.times_ms) == len(timing.floor_ms) == 4
    assert timing.queries > 0
    assert timing.ratio(0.5) == timing.percentile(0.5) / sorted(timing.floor_ms)[1]


def test_an_unreachable_floor_is_reported_not_divided_by(client):
    timing = time_in_process(client, "first page", "/organizations/", runs=2, floor_url="/nowhere/")

    assert timing.problem == "floor HTTP 404"
    assert timing.ratio(0.5) is None


def test_ratio_is_the_page_percentile_over_the_floor_percentile():
    timing = Timing("page", "/", times_ms=[10.0, 20.0, 30.0, 40.0], floor_ms=[1.0, 2.0, 2.0, 4.0])

    assert timing.ratio(0.5) == 10.0  # 20 ms / 2 ms
    assert timing.ratio(0.95) == 10.0  # 40 ms / 4 ms


def test_the_copy_floor_copies_the_new_rows_into_a_table_with_the_same_indexes():
    OrganizationFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM organizations_organization")
        (last_id,) = cursor.fetchone()
    new = OrganizationFactory.create_batch(3)

    assert raw_copy_seconds(after_id=last_id) > 0

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {SCRATCH} ORDER BY id")  # noqa: S608
        assert [pk for (pk,) in cursor.fetchall()] == [o.pk for o in new]
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [SCRATCH])
        scratch_indexes = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'organizations_organization'"
        )
        assert scratch_indexes == cursor.fetchone()[0]
