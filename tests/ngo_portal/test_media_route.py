"""Uploaded documents are private: no URL serves them except the permission-checked download."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from ngo_portal import urls as portal_urls
from organizations.services import document_upload
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def debug_urls(settings, tmp_path):
    """The URLconf as `make run` with DEBUG=true in .env builds it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(DEBUG=True):
        importlib.reload(portal_urls)
        clear_url_caches()
        yield
    importlib.reload(portal_urls)
    clear_url_caches()


def test_an_uploaded_document_has_no_media_url_even_with_debug_on(debug_urls, client):
    membership = OrganizationMembershipFactory(organization=OrganizationFactory())
    document = document_upload(
        organization=membership.organization,
        by=membership.user,
        kind="charter",
        title="Charter",
        file=SimpleUploadedFile("charter.pdf", PDF),
    )
    client.force_login(membership.user)

    assert client.get(f"/media/{document.file.name}").status_code == 404
    download = reverse(
        "organizations:document_download", args=[membership.organization.pk, document.pk]
    )
    assert client.get(download).status_code == 200
