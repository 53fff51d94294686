import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from organizations.models import OrganizationDocument, OrganizationMembership
from organizations.services import MAX_DOCUMENT_BYTES, document_upload
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(scope="module")
def real_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>章程 Charter</h1>").write_pdf()


def _image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, fmt)
    return buffer.getvalue()


def _docx(with_document_part=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document_part:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def member(org, org_member):
    return org_member(org)


def _stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def _upload(org, user, name, content, **kwargs):
    return document_upload(
        organization=org,
        by=user,
        kind=kwargs.get("kind", "charter"),
        title=kwargs.get("title", "Charter"),
        file=SimpleUploadedFile(name, content),
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("charter.pdf", MINIMAL_PDF, "application/pdf"),
        ("certificate.JPG", _image("JPEG"), "image/jpeg"),
        ("certificate.png", _image("PNG"), "image/png"),
        (
            "report.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            _xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_allowed_types_are_stored_with_the_checked_content_type(
    org, member, media, name, content, content_type
):
    document = _upload(org, member, name, content)

    document.refresh_from_db()
    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.uploaded_by == member
    assert document.file.name.startswith(f"organizations/{org.pk}/")
    assert [path.read_bytes() for path in _stored_files(media)] == [content]


def test_a_real_pdf_rendered_by_weasyprint_is_accepted(org, member, real_pdf):
    document = _upload(org, member, "章程.pdf", real_pdf, title="章程")

    assert document.file.name.endswith("章程.pdf")
    with document.file.open("rb") as stored:
        assert stored.read() == real_pdf


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("setup.exe", b"MZ\x90\x00", "file_type", "Upload a PDF, JPEG, PNG, DOCX or XLSX file"),
        ("notes.txt", b"hello", "file_type", "Upload a PDF"),
        ("no-extension", MINIMAL_PDF, "file_type", "Upload a PDF"),
        ("charter.pdf", _image("PNG"), "file_content", "does not match its name (.pdf)"),
        ("photo.png", b"<html><script>alert(1)</script></html>", "file_content", "(.png)"),
        ("report.docx", _docx(with_document_part=False), "file_content", "(.docx)"),
        ("budget.xlsx", _docx(), "file_content", "(.xlsx)"),
        ("empty.pdf", b"", "file_empty", "The file is empty"),
        ("big.pdf", MINIMAL_PDF + b"0" * MAX_DOCUMENT_BYTES, "file_size", "the limit is 10.0"),
    ],
)
def test_refused_files_write_nothing(org, member, media, name, content, code, words):
    with pytest.raises(ValidationError) as raised:
        _upload(org, member, name, content)

    [error] = raised.value.error_dict["file"]
    assert error.code == code
    assert words in error.messages[0]
    assert not OrganizationDocument.objects.exists()
    assert _stored_files(media) == []


def test_only_members_upload(org):
    staff = CenterMembershipFactory(role="officer").user

    with pytest.raises(PermissionDenied):
        _upload(org, staff, "charter.pdf", MINIMAL_PDF)


# --- pages ------------------------------------------------------------------------------------


def test_member_uploads_through_the_page_and_sees_the_document(client, org, member):
    client.force_login(member)
    url = reverse("organizations:document_list", args=[org.pk])

    response = client.post(
        url,
        {
            "kind": "annual_report",
            "title": "2024 年度报告",
            "file": SimpleUploadedFile("r.pdf", MINIMAL_PDF),
        },
    )

    assert response.status_code == 302
    page = client.get(url)
    assert "2024 年度报告" in page.text
    assert "annual report" in page.text


def test_a_refused_upload_shows_the_error_at_the_field_and_keeps_the_title(
    client, org, member, media
):
    client.force_login(member)

    response = client.post(
        reverse("organizations:document_list", args=[org.pk]),
        {"kind": "charter", "title": "我们的章程", "file": SimpleUploadedFile("c.pdf", b"GIF89a")},
    )

    assert response.status_code == 200
    assert 'id="id_file_error"' in response.text
    assert "does not match its name" in response.text
    assert 'value="我们的章程"' in response.text
    assert not OrganizationDocument.objects.exists()
    assert _stored_files(media) == []


@pytest.fixture
def document(org, member):
    return _upload(org, member, "年报.pdf", MINIMAL_PDF, title="年报")


def _download_url(document):
    return reverse("organizations:document_download", args=[document.organization_id, document.pk])


def test_members_download_the_file_as_an_attachment(client, member, document):
    client.force_login(member)

    response = client.get(_download_url(document))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E5%B9%B4%E6%8A%A5.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_center_staff_download_too(client, document):
    client.force_login(CenterMembershipFactory(role="officer").user)

    assert client.get(_download_url(document)).status_code == 200


def test_outsiders_and_requesters_get_404(client, document):
    outsider = OrganizationMembershipFactory().user
    requester = OrganizationMembershipFactory(
        organization=document.organization, state=OrganizationMembership.State.REQUESTED
    ).user
    for user in (outsider, requester):
        client.force_login(user)
        assert client.get(_download_url(document)).status_code == 404


def test_a_document_is_not_reachable_through_another_organizations_url(client, document):
    other_member = OrganizationMembershipFactory()
    client.force_login(other_member.user)

    url = reverse(
        "organizations:document_download", args=[other_member.organization_id, document.pk]
    )
    assert client.get(url).status_code == 404


def test_the_list_never_links_to_media(client, member, document):
    client.force_login(member)

    page = client.get(reverse("organizations:document_list", args=[document.organization_id]))

    assert "/media/" not in page.text
    assert _download_url(document) in page.text
