"""Long names and file names from tests/organizations/cases/: stored within every limit, shown
and downloaded as given."""

from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizations.models import Organization, OrganizationDocument, OrganizationMembership
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationMembershipFactory, region_tree
from tests.organizations.test_profile_views import _form

pytestmark = pytest.mark.django_db

CASES = Path(__file__).parent / "cases"
LONG_NAME = (CASES / "long_name.txt").read_text(encoding="utf-8").strip()
FILE_NAMES = dict(
    line.split(": ", 1)
    for line in (CASES / "long_file_names.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_the_long_name_registers_and_its_pinyin_is_searchable(client):
    assert 90 < len(LONG_NAME) <= 200
    client.force_login(UserFactory())

    response = client.post(
        reverse("organizations:organization_create"), _form(region_tree(), name_zh=LONG_NAME)
    )

    assert response.status_code == 302
    organization = Organization.objects.get(name_zh=LONG_NAME)
    assert len(organization.name_pinyin) > 600
    found = client.get(reverse("organizations:organization_list"), {"q": "lianhehui"})
    assert organization in found.context["page"].organizations


def test_the_long_name_can_be_edited_again(client):
    regions = region_tree()
    membership = OrganizationMembershipFactory(
        organization__name_zh="短名", role=OrganizationMembership.Role.OWNER
    )
    client.force_login(membership.user)
    url = reverse("organizations:organization_edit", args=[membership.organization.pk])

    response = client.post(url, _form(regions, name_zh=LONG_NAME))

    assert response.status_code == 302
    membership.organization.refresh_from_db()
    assert membership.organization.name_zh == LONG_NAME


@pytest.fixture
def owner(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership = OrganizationMembershipFactory(role=OrganizationMembership.Role.OWNER)
    client.force_login(membership.user)
    return membership


@pytest.mark.parametrize("which", ["short", "long"])
def test_a_chinese_file_name_uploads_and_downloads_under_its_own_name(client, owner, which):
    name = FILE_NAMES[which]
    url = reverse("organizations:document_list", args=[owner.organization.pk])

    response = client.post(
        url, {"kind": "other", "title": "登记证书", "file": SimpleUploadedFile(name, PDF)}
    )

    assert response.status_code == 302
    document = OrganizationDocument.objects.get()
    stored = Path(document.file.path).name
    assert len(stored.encode()) <= 255
    assert stored.endswith(".pdf")
    assert document.original_name == name
    download = client.get(
        reverse("organizations:document_download", args=[owner.organization.pk, document.pk])
    )
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == name
    assert b"".join(download.streaming_content) == PDF


def test_the_long_file_name_is_over_the_file_system_limit():
    # The case is what it says: the name is more than 255 bytes but fewer characters.
    assert len(FILE_NAMES["long"].encode()) > 255 > len(FILE_NAMES["long"])
    assert "（正本）" in FILE_NAMES["long"]


def test_a_disguised_extension_is_shown_without_its_direction_override(client, owner):
    url = reverse("organizations:document_list", args=[owner.organization.pk])
    upload = SimpleUploadedFile("年报\u202eexe.pdf", PDF)

    client.post(url, {"kind": "other", "title": "年报", "file": upload})

    assert OrganizationDocument.objects.get().original_name == "年报exe.pdf"


def test_a_credit_code_taken_between_check_and_save_is_a_field_error():
    """Two registrations of one code at once: the second passes validation before the first
    commits; the unique constraint then refuses it, and the form hears it at the field."""
    from django.core.exceptions import ValidationError

    from organizations.services.profile import _save
    from tests.organizations.factories import OrganizationFactory

    taken = OrganizationFactory()
    late = Organization(
        name_zh="后来者", legal_form=taken.legal_form, credit_code=taken.credit_code
    )

    with pytest.raises(ValidationError) as raised:
        _save(late, UserFactory())

    assert raised.value.message_dict["credit_code"]
    assert Organization.objects.count() == 1


def test_a_name_over_the_limit_is_refused_in_our_words(client):
    client.force_login(UserFactory())

    response = client.post("/zh-hans/organizations/new/", _form(region_tree(), name_zh="鑫" * 201))

    page = response.content.decode()
    assert response.status_code == 200
    assert "最多 200 个字符（当前为 201 个）" in page
    assert "变量" not in page
