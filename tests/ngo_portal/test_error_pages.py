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


def test_a_forbidden_page_is_the_portal_s_in_the_visitor_s_language(client):
    from tests.ngo_portal.factories import UserFactory

    client.force_login(UserFactory())

    english = client.get("/dashboard/")
    chinese = client.get("/zh-hans/dashboard/")

    assert english.status_code == chinese.status_code == 403
    assert "Not allowed" in english.content.decode()
    assert 'class="site-header"' in english.content.decode()
    assert '<html lang="zh-hans">' in chinese.content.decode()
    assert "403 Forbidden" not in english.content.decode() + chinese.content.decode()


def test_a_refused_form_is_explained_on_the_portal_s_page():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/zh-hans/accounts/login/", {"login": "a@example.org"})
    english = client.post("/accounts/login/", {"login": "a@example.org"})

    assert response.status_code == english.status_code == 403
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "The form could not be sent" in english.content.decode()
    assert "CSRF" not in response.content.decode() + english.content.decode()
