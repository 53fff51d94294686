"""Certificates: made as jobs through the PDF service in both languages with a CJK font, e-mailed
once, downloadable by the organization; the verification page shows name, session, dates only."""

import re
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ngo_portal.jobs.services import report_run
from ngo_portal.models import Report
from tests.organizations.factories import OrganizationFactory
from trainings import services
from trainings.models import Certificate

from .factories import RegistrationFactory, attend_every_day

pytestmark = pytest.mark.django_db

CJK_FONT_NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "WenQuanYi")


def pdf_text(path) -> str:
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def pdf_fonts(path) -> list[tuple[str, str]]:
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = result.stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


@pytest.fixture
def attended(session):
    organization = OrganizationFactory(
        name_zh="青海省社会工作协会", name_en="Qinghai Association of Social Works"
    )
    registration = RegistrationFactory(
        session=session, organization=organization, name="马玉生", language="zh-hans"
    )
    attend_every_day(registration)
    return registration


def issue(session, officer, capture):
    with capture(execute=True):
        reports = services.certificates_request(session=session, by=officer, language="en")
    return [Report.objects.get(pk=report.pk) for report in reports]


def test_certificate_job_makes_a_bilingual_pdf_with_an_embedded_cjk_font(
    session, attended, officer, tmp_path, django_capture_on_commit_callbacks
):
    (report,) = issue(session, officer, django_capture_on_commit_callbacks)

    assert report.status == Report.Status.DONE, report.error
    path = tmp_path / "certificate.pdf"
    path.write_bytes(report.file.read())
    text = pdf_text(path)
    with translation.override("zh-hans"):
        heading_zh = gettext("Certificate of attendance")
    assert "Certificate of attendance" in text and heading_zh in text
    assert "马玉生" in text
    assert session.title in text and session.title_zh in text  # both languages' titles
    assert "Qinghai Association of Social Works" in text and "青海省社会工作协会" in text
    certificate = Certificate.objects.get(registration=attended)
    assert f"/trainings/certificates/{certificate.token}/" in text
    cjk = [
        (name, emb)
        for name, emb in pdf_fonts(path)
        if any(f in name.replace("-", "") for f in CJK_FONT_NAMES)
    ]
    assert cjk and all(embedded == "yes" for _name, embedded in cjk), pdf_fonts(path)


def test_the_certificate_is_emailed_once_and_downloadable_by_the_organization(
    client, session, attended, officer, member_of, django_capture_on_commit_callbacks
):
    issue(session, officer, django_capture_on_commit_callbacks)
    report = Report.objects.create(
        kind="trainings.certificate", requested_by=officer, parameters={"registration": attended.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_run(report_id=report.pk)  # the job again: the same certificate, no second e-mail

    certificate_mail = [
        m for m in mail.outbox if m.attachments and m.attachments[0][2] == "application/pdf"
    ]
    assert len(certificate_mail) == 1 and certificate_mail[0].to == [attended.email]
    client.force_login(member_of(attended.organization))
    response = client.get(reverse("trainings:certificate_download", args=[attended.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_no_certificate_without_enough_days(session, officer, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(session=session)
    registration.attendances.create(day=session.starts_on)

    assert issue(session, officer, django_capture_on_commit_callbacks) == []
    session.certificate_min_days = 1
    session.save(update_fields=["certificate_min_days"])
    assert len(issue(session, officer, django_capture_on_commit_callbacks)) == 1


def test_the_verification_page_shows_name_session_and_dates_and_nothing_more(client, attended):
    certificate = Certificate.objects.create(registration=attended)

    response = client.get(reverse("trainings:certificate_verify", args=[certificate.token]))

    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    facts = re.findall(r"<dd>(.*?)</dd>", main, re.S)
    session = attended.session
    dates = f"{session.starts_on:%Y-%m-%d} – {session.ends_on:%Y-%m-%d}"
    assert [fact.strip() for fact in facts] == [attended.name, session.title, dates]
    for private in (attended.email, attended.organization.name_zh, attended.token):
        assert private not in response.content.decode()


def test_an_unknown_or_sequential_token_finds_nothing(client, attended):
    certificate = Certificate.objects.create(registration=attended)

    assert (
        client.get(reverse("trainings:certificate_verify", args=[str(certificate.pk)])).status_code
        == 404
    )
    assert len(certificate.token) >= 32


def pdf_pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "page-count.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", result.stdout, re.M).group(1))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_certificate_is_one_page_even_with_long_names(session, language, tmp_path):
    """The certificate is framed on one A4 page: its verification link and QR code do not
    spill onto a second page (the Xining demo's did), whatever the names' lengths."""
    session.title = "Regional training on NGO professionalism for North West China " * 2
    session.title_zh = "西北地区社会组织专业化区域培训" * 3
    session.save()
    organization = OrganizationFactory(
        name_zh="青海省社会工作协会" * 3, name_en="Qinghai Association of Social Works " * 3
    )
    registration = RegistrationFactory(
        session=session, organization=organization, name="欧阳" * 10, language=language
    )
    attend_every_day(registration)
    _certificate, pdf = services.certificate_render(registration=registration)
    assert pdf_pages(pdf, tmp_path) == 1
