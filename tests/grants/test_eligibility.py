"""Each eligibility rule of a round refuses submission with its own reason (grants/rules.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from grants import services
from grants.models import GrantApplication
from incubation.models import Cohort, Enrollment
from organizations.vocabularies import LegalForm
from tests.organizations.factories import region_tree

pytestmark = pytest.mark.django_db


def refused(application, member) -> dict[str, str]:
    """{rule: reason} of a refused submission; the application stays a draft."""
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, by=member)
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.DRAFT
    return {error.code: error.messages[0] for error in caught.value.error_list}


def test_a_complete_eligible_application_is_submitted(application, member):
    services.application_submit(application=application, by=member)
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.SUBMITTED
    assert application.submitted_at is not None


def test_legal_form_outside_the_list_is_refused(application, member, funding_round):
    funding_round.eligible_legal_forms = [LegalForm.FOUNDATION]
    funding_round.save()
    reasons = refused(application, member)
    assert reasons == {"legal_form": "This round is open to these legal forms only: foundation."}


def test_province_outside_the_list_is_refused(application, member, funding_round):
    regions = region_tree()
    funding_round.eligible_province_codes = [regions["qinghai"].code]
    funding_round.save()
    reasons = refused(application, member)
    assert reasons == {"province": "This round is open to organizations from Qinghai Sheng only."}


def test_province_in_the_list_is_accepted(application, member, funding_round):
    funding_round.eligible_province_codes = [region_tree()["jiangsu"].code]
    funding_round.save()
    services.application_submit(application=application, by=member)


def test_unregistered_community_group_is_refused_when_registered_only(
    application, member, funding_round, organization
):
    funding_round.registered_only = True
    funding_round.save()
    organization.legal_form, organization.credit_code = LegalForm.COMMUNITY_GROUP, None
    organization.save()
    reasons = refused(application, member)
    assert set(reasons) == {"registered_only"}
    assert "registered organizations only" in reasons["registered_only"]


def test_grade_below_the_minimum_is_refused(application, member, funding_round, organization):
    funding_round.min_mca_grade = "3A"
    funding_round.save()
    organization.mca_grade = "2A"
    organization.mca_grade_expires = funding_round.closes_on + datetime.timedelta(days=400)
    organization.save()
    assert refused(application, member) == {
        "mca_grade": "This round asks for an MCA evaluation grade of 3A or better."
    }


def test_grade_expiring_before_the_closing_date_is_refused(
    application, member, funding_round, organization
):
    funding_round.min_mca_grade = "3A"
    funding_round.save()
    organization.mca_grade = "4A"
    organization.mca_grade_expires = funding_round.closes_on - datetime.timedelta(days=1)
    organization.save()
    reasons = refused(application, member)
    assert set(reasons) == {"mca_grade_expired"}
    assert funding_round.closes_on.isoformat() in reasons["mca_grade_expired"]
    assert organization.mca_grade_expires.isoformat() in reasons["mca_grade_expired"]


def test_grade_valid_on_the_closing_date_is_accepted(
    application, member, funding_round, organization
):
    funding_round.min_mca_grade = "3A"
    funding_round.save()
    organization.mca_grade, organization.mca_grade_expires = "3A", funding_round.closes_on
    organization.save()
    services.application_submit(application=application, by=member)


def test_organization_outside_the_cohort_is_refused(
    application, member, funding_round, organization, center
):
    today = funding_round.opens_on
    cohort = Cohort.objects.create(
        center=center,
        title="Spring cohort",
        call_opens=today,
        call_closes=today,
        starts_on=today,
        ends_on=today,
        capacity=10,
    )
    funding_round.cohort = cohort
    funding_round.save()
    assert set(refused(application, member)) == {"cohort"}
    Enrollment.objects.create(cohort=cohort, organization=organization, enrolled_on=today)
    services.application_submit(application=application, by=member)


def test_reasons_are_translated(application, member, funding_round):
    funding_round.eligible_legal_forms = [LegalForm.FOUNDATION]
    funding_round.save()
    with translation.override("zh-hans"):
        reasons = refused(application, member)
    assert reasons["legal_form"] != "This round is open to these legal forms only: foundation."


def test_a_closed_round_refuses_submission(application, member, funding_round):
    funding_round.opens_on = funding_round.closes_on = datetime.date(2020, 1, 1)
    funding_round.save()
    assert set(refused(application, member)) == {"closed"}
