"""Oversized requests are refused before their body is read."""

import io

import pytest
from django.urls import reverse

from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def _upload(client, url, size):
    return client.post(
        url,
        CONTENT_LENGTH=str(size),
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": UnreadableBody()},
    )


@pytest.fixture
def documents_url(client):
    membership = OrganizationMembershipFactory(organization=OrganizationFactory())
    client.force_login(membership.user)
    return reverse("organizations:document_list", args=[membership.organization.pk])


def test_an_upload_over_the_limit_answers_413_without_reading_the_body(
    client, settings, documents_url
):
    settings.MAX_REQUEST_BYTES = 20 * 1024 * 1024

    response = _upload(client, documents_url, 50 * 1024 * 1024)

    assert response.status_code == 413
    assert "The request is too large" in response.content.decode()
    assert "20 MB" in response.content.decode()


def test_the_413_page_follows_the_language_of_the_address(client, settings):
    settings.MAX_REQUEST_BYTES = 1024

    response = _upload(client, "/zh-hans/organizations/new/", 4096)

    assert response.status_code == 413
    assert '<html lang="zh-hans">' in response.content.decode()


def test_a_request_within_the_limit_reaches_the_view(client, settings, documents_url):
    settings.MAX_REQUEST_BYTES = 1024 * 1024

    response = client.post(documents_url, {"kind": "charter", "title": ""})

    assert response.status_code == 200  # the form, with its errors


def test_a_chunked_body_without_length_is_refused(client):
    response = client.post(
        "/organizations/new/",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 411
