"""The apply page as the member uses it: autosave, budget lines, refusals shown with their reasons
and nothing typed lost, submission; the staff pages in English and Chinese."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import GrantApplication
from organizations.vocabularies import LegalForm
from tests.organizations.factories import region_tree

pytestmark = pytest.mark.django_db


def apply_data(organization, **extra):
    data = {
        "organization": organization.pk,
        "title": "Meals for elders",
        "summary": "Hot meals.",
        "objectives": "Feed 60 elders.",
        "beneficiaries": "Elders living alone.",
        "region": region_tree()["nanjing"].pk,
        "starts_on": "2027-03-01",
        "ends_on": "2027-12-31",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "50",
        "budget-0-category": "activities",
        "budget-0-amount": "15000",
        "budget-0-justification": "Ingredients",
        "budget-1-category": "",
        "budget-1-amount": "",
        "budget-1-justification": "",
    }
    return data | extra


def test_autosave_creates_the_draft_and_keeps_the_budget(
    client, funding_round, organization, member
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode()
    application = GrantApplication.objects.get(organization=organization)
    assert application.status == GrantApplication.Status.DRAFT
    assert application.requested_total == Decimal("15000")


def test_an_invalid_field_is_shown_and_the_rest_is_saved(
    client, funding_round, organization, member
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization, ends_on="2027-01-01", save="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The project cannot end before it starts." in page
    assert 'value="Meals for elders"' in page
    assert GrantApplication.objects.get().title == "Meals for elders"


def test_submit_shows_each_refusal_and_keeps_the_draft(client, funding_round, organization, member):
    funding_round.eligible_legal_forms = [LegalForm.FOUNDATION]
    funding_round.save()
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(
        url, apply_data(organization, **{"budget-0-amount": "500", "submit": "1"})
    )
    page = response.content.decode()
    assert "This round is open to these legal forms only: foundation." in page
    assert "The budget adds up to ¥500.00" in page
    assert GrantApplication.objects.get().status == GrantApplication.Status.DRAFT


def test_submit_then_the_page_shows_the_application(client, funding_round, organization, member):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization, submit="1"))
    application = GrantApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("grants:application_detail", args=[application.pk])
    assert application.status == GrantApplication.Status.SUBMITTED


def test_attachments_go_through_storage(client, application, member):
    client.force_login(member)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 a plan", content_type="application/pdf")
    client.post(
        reverse("grants:attachment_add", args=[application.pk]),
        {"attachment-title": "Plan", "attachment-file": upload},
    )
    attachment = application.attachments.get()
    assert attachment.file.storage.exists(attachment.file.name)
    response = client.get(reverse("grants:attachment_download", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 a plan"


def test_an_executable_attachment_is_refused(client, application, member):
    client.force_login(member)
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload")
    client.post(
        reverse("grants:attachment_add", args=[application.pk]),
        {"attachment-title": "Run", "attachment-file": upload},
    )
    assert not application.attachments.exists()


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_staff_pages_render_in_both_languages(client, application, member, officer, prefix):
    application.status = GrantApplication.Status.SUBMITTED
    application.save()
    client.force_login(officer)
    for url in (
        reverse("grants:application_detail", args=[application.pk]),
        reverse("grants:round_ranking", args=[application.round_id]),
        reverse("grants:round_detail", args=[application.round_id]),
        reverse("grants:round_edit", args=[application.round_id]),
        reverse("grants:fund_list"),
        reverse("grants:campaign_create"),
    ):
        assert client.get(prefix + url).status_code == 200


def test_staff_create_a_round_with_criteria(client, officer, funding_round):
    client.force_login(officer)
    data = {
        "fund": funding_round.fund_id,
        "title": "Autumn round",
        "opens_on": "2027-01-01",
        "closes_on": "2027-02-01",
        "budget": "200000",
        "min_award": "5000",
        "max_award": "50000",
        "min_mca_grade": "3A",
        "eligible_legal_forms": ["social_group"],
        "is_published": "on",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
        "criteria-0-name": "Need",
        "criteria-0-weight": "2",
    }
    response = client.post(reverse("grants:round_create"), data)
    assert response.status_code == 302
    created = funding_round.fund.rounds.get(title="Autumn round")
    assert created.center_id == funding_round.center_id
    assert [(c.name, c.weight) for c in created.criteria.all()] == [("Need", 2)]
    assert created.eligible_legal_forms == ["social_group"]


def test_the_home_page_lists_open_rounds(client, funding_round):
    page = client.get("/").content.decode()
    assert "Open funding rounds" in page and funding_round.title in page


def test_a_renamed_file_is_refused_with_the_reason(client, application, member):
    client.force_login(member)
    upload = SimpleUploadedFile(
        "plan.pdf", b"<html>not a pdf</html>", content_type="application/pdf"
    )
    response = client.post(
        reverse("grants:attachment_add", args=[application.pk]),
        {"attachment-title": "Plan", "attachment-file": upload},
        follow=True,
    )
    assert "does not match its name" in response.content.decode()
    assert not application.attachments.exists()


def test_a_second_autosave_from_the_same_page_keeps_every_budget_line(
    client, funding_round, organization, member
):
    """The page was loaded with no saved line (INITIAL_FORMS 0) and autosaves twice: the line
    saved the first time is still in the form, unchanged, and must stay."""
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    hx = {"HX-Request": "true"}
    client.post(url, apply_data(organization), headers=hx)
    second = apply_data(
        organization,
        **{"budget-1-category": "travel", "budget-1-amount": "5000", "budget-1-justification": ""},
    )
    client.post(url, second, headers=hx)
    application = GrantApplication.objects.get(organization=organization)
    assert sorted(application.budget_lines.values_list("amount", flat=True)) == [
        Decimal("5000"),
        Decimal("15000"),
    ]
    assert application.requested_total == Decimal("20000")
    client.post(url, second, headers=hx)
    assert application.budget_lines.count() == 2


def test_a_double_click_on_submit_keeps_the_budget(client, funding_round, organization, member):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    data = apply_data(organization, **{"budget-0-amount": "500", "submit": "1"})
    client.post(url, data)
    client.post(url, data)
    application = GrantApplication.objects.get(organization=organization)
    assert application.requested_total == Decimal("500")
    assert application.budget_lines.count() == 1


def test_a_line_cleared_by_the_member_is_removed_without_an_error(
    client, funding_round, organization, member
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    client.post(url, apply_data(organization, save="1"))
    cleared = apply_data(
        organization,
        save="1",
        **{"budget-INITIAL_FORMS": "1", "budget-0-category": "", "budget-0-amount": ""},
        **{"budget-0-justification": ""},
    )
    response = client.post(url, cleared)
    assert response.status_code == 302
    assert GrantApplication.objects.get().budget_lines.count() == 0


def test_the_answer_to_staff_survives_an_autosave_and_a_reload(
    client, application, member, officer
):
    from grants import services

    services.application_submit(application=application, by=member)
    services.information_request(application=application, by=officer, question="Who cooks?")
    client.force_login(member)
    url = reverse("grants:application_apply", args=[application.round_id])
    data = apply_data(application.organization, answer="A hired cook, paid by the district.")
    client.post(url, data, headers={"HX-Request": "true"})
    page = client.get(url).content.decode()
    assert "A hired cook, paid by the district.</textarea>" in page
    # Staff see no answer until it is sent with the resubmission.
    client.force_login(officer)
    staff_page = client.get(reverse("grants:application_detail", args=[application.pk]))
    assert "A hired cook" not in staff_page.content.decode()
    client.force_login(member)
    response = client.post(url, data | {"submit": "1"})
    assert response.status_code == 302
    assert application.information_requests.get().answer == "A hired cook, paid by the district."


def test_a_double_submit_of_the_round_form_keeps_the_added_criterion(
    client, officer, funding_round
):
    client.force_login(officer)
    existing = list(funding_round.criteria.all())
    data = {
        "fund": funding_round.fund_id,
        "title": funding_round.title,
        "opens_on": funding_round.opens_on.isoformat(),
        "closes_on": funding_round.closes_on.isoformat(),
        "budget": str(funding_round.budget),
        "min_award": str(funding_round.min_award),
        "max_award": str(funding_round.max_award),
        "is_published": "on",
        "criteria-TOTAL_FORMS": str(len(existing) + 2),
        "criteria-INITIAL_FORMS": str(len(existing)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
    }
    for index, criterion in enumerate(existing):
        data |= {f"criteria-{index}-name": criterion.name, f"criteria-{index}-weight": "1"}
    data |= {f"criteria-{len(existing)}-name": "Reach", f"criteria-{len(existing)}-weight": "3"}
    data |= {f"criteria-{len(existing) + 1}-name": "", f"criteria-{len(existing) + 1}-weight": "1"}
    url = reverse("grants:round_edit", args=[funding_round.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    names = list(funding_round.criteria.values_list("name", flat=True))
    assert names == [c.name for c in existing] + ["Reach"]


def test_a_double_click_on_withdraw_shows_the_application_not_an_error(client, application, member):
    client.force_login(member)
    url = reverse("grants:application_withdraw", args=[application.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "can no longer be withdrawn (withdrawn)" in again.content.decode()


def test_an_autosave_from_a_stale_page_sends_the_browser_to_the_application(
    client, application, member
):
    """Submitted from another tab: the old page's autosave must not put the application page
    inside its status line."""
    from grants import services

    services.application_submit(application=application, by=member)
    client.force_login(member)
    url = reverse("grants:application_apply", args=[application.round_id])
    response = client.post(
        url, apply_data(application.organization), headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Redirect"] == reverse(
        "grants:application_detail", args=[application.pk]
    )
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.SUBMITTED


def test_a_pasted_megabyte_is_refused_at_the_field_and_the_rest_saved(
    client, funding_round, organization, member
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization, summary="长" * 10_001, save="1"))
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    application = GrantApplication.objects.get()
    assert application.summary == "" and application.title == "Meals for elders"


def test_a_question_from_staff_is_bounded_too(client, application, member, officer):
    from grants import services

    services.application_submit(application=application, by=member)
    client.force_login(officer)
    url = reverse("grants:information_request", args=[application.pk])
    response = client.post(url, {"question": "?" * 10_001})
    assert response.status_code == 200
    assert "at most 10000 characters" in response.content.decode()
    assert not application.information_requests.exists()


def test_someone_without_an_organization_is_told_how_to_apply(client, funding_round, reviewer):
    """Not a 403 behind the Apply button: the round page says what to do first."""
    client.force_login(reviewer)
    page = client.get(reverse("grants:round_detail", args=[funding_round.pk])).content.decode()
    assert reverse("grants:application_apply", args=[funding_round.pk]) not in page
    assert "register yours, or ask its owner to add you" in page
    assert reverse("organizations:organization_create") in page


def test_a_member_and_a_visitor_see_the_apply_button(client, funding_round, member):
    url = reverse("grants:round_detail", args=[funding_round.pk])
    apply_url = reverse("grants:application_apply", args=[funding_round.pk])
    assert apply_url in client.get(url).content.decode()
    client.force_login(member)
    assert apply_url in client.get(url).content.decode()


def test_an_autosave_names_the_fields_that_need_attention(
    client, funding_round, organization, member
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    data = apply_data(organization, ends_on="2027-01-01", **{"budget-0-amount": "12.000.5"})
    status = client.post(url, data, headers={"HX-Request": "true"}).content.decode()
    assert "Project ends: The project cannot end before it starts." in status
    assert "Budget line 1, Amount (CNY): Enter a number." in status


@pytest.mark.parametrize(
    "typed", ["12,000", "¥12,000.00", "１２，０００", "12 000 元", "￥１２０００．００", "12000CNY"]
)
def test_an_amount_is_taken_as_people_type_it(client, funding_round, organization, member, typed):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization, save="1", **{"budget-0-amount": typed}))
    assert response.status_code == 302
    assert GrantApplication.objects.get().requested_total == Decimal("12000")


@pytest.mark.parametrize("typed", ["-5", "abc", "NaN", "12,000,000,000,000.00"])
def test_what_is_not_an_amount_is_refused_at_the_line(
    client, funding_round, organization, member, typed
):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    response = client.post(url, apply_data(organization, save="1", **{"budget-0-amount": typed}))
    assert response.status_code == 200
    assert f'value="{typed}"' in response.content.decode()
    assert not GrantApplication.objects.get().budget_lines.exists()


def test_an_autosave_brings_the_new_budget_total(client, funding_round, organization, member):
    client.force_login(member)
    url = reverse("grants:application_apply", args=[funding_round.pk])
    data = apply_data(organization, **{"budget-1-category": "travel", "budget-1-amount": "2500"})
    status = client.post(url, data, headers={"HX-Request": "true"}).content.decode()
    assert 'id="budget-total" data-hx-swap-oob="true"' in status
    assert "The lines add up to ¥17,500.00." in status
