import pytest

from organizations.credit_code import validate_credit_code
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_factory_organization_passes_model_validation():
    organization = OrganizationFactory()
    validate_credit_code(organization.credit_code)
    organization.full_clean()
    assert organization.region_code == "320106"
    assert organization.name_pinyin.startswith("ce shi")
