"""The portal's own 404 and 500 pages, in the visitor's language, never Django's."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import override_settings
from django.urls import path

from ngo_portal import urls as portal_urls

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("a bug")


# A URLconf for these tests: the portal's routes plus a view that fails.
urlpatterns = [
    *i18n_patterns(path("broken/", broken_view), prefix_default_language=False),
    *portal_urls.urlpatterns,
]
handler500 = portal_urls.handler500


def test_unknown_chinese_path_shows_the_chinese_404(client):
    response = client.get("/zh-hans/does-not-exist")

    content = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-hans">' in content
    assert "页面不存在" in content
    assert "Not Found" not in content


def test_unknown_english_path_shows_the_portal_404(client):
    response = client.get("/does-not-exist/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in content
    assert 'class="site-header"' in content


@override_settings(ROOT_URLCONF=__name__)
def test_a_failing_view_shows_the_portal_500(client):
    client.raise_request_exception = False

    response = client.get("/broken/")

    content = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in content
    assert "RuntimeError" not in content


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_speaks_chinese_under_the_chinese_prefix(client):
    client.raise_request_exception = False

    response = client.get("/zh-hans/broken/")

    assert response.status_code == 500
    assert "出错了" in response.content.decode()


def test_the_500_page_renders_without_the_database(rf, django_assert_num_queries):
    from ngo_portal.views.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_bad_request_shows_the_portal_400(client):
    client.raise_request_exception = False

    response = client.get("/", HTTP_HOST="bad host name")

    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()
