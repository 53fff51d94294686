import factory

from ngo_portal.models import Community, Region
from organizations.credit_code import ALPHABET, check_character
from organizations.models import Organization, OrganizationMembership
from organizations.rules import organization_derive_fields
from organizations.vocabularies import LegalForm
from tests.ngo_portal.factories import UserFactory


def make_credit_code(n: int, division: str = "320100") -> str:
    """A valid code: authority 5 (civil affairs), type 1, the division, a 9-character serial."""
    serial = "".join(ALPHABET[(n // 31**i) % 31] for i in range(9))
    first17 = f"51{division}{serial}"
    return first17 + check_character(first17)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "320000"
    level = Region.Level.PROVINCE
    name_zh = "江苏省"
    name_en = "Jiangsu Sheng"


def region_tree():
    """Jiangsu → Nanjing → Gulou, and Qinghai → Xining → Chengzhong: real GB/T 2260 codes."""
    jiangsu = RegionFactory(
        code="320000", level="province", name_zh="江苏省", name_en="Jiangsu Sheng"
    )
    nanjing = RegionFactory(
        code="320100", level="city", name_zh="南京市", name_en="Nanjing Shi", parent=jiangsu
    )
    gulou = RegionFactory(
        code="320106", level="county", name_zh="鼓楼区", name_en="Gulou Qu", parent=nanjing
    )
    qinghai = RegionFactory(
        code="630000", level="province", name_zh="青海省", name_en="Qinghai Sheng"
    )
    xining = RegionFactory(
        code="630100", level="city", name_zh="西宁市", name_en="Xining Shi", parent=qinghai
    )
    chengzhong = RegionFactory(
        code="630103", level="county", name_zh="城中区", name_en="Chengzhong Qu", parent=xining
    )
    return {
        "jiangsu": jiangsu,
        "nanjing": nanjing,
        "gulou": gulou,
        "qinghai": qinghai,
        "xining": xining,
        "chengzhong": chengzhong,
    }


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    region = factory.LazyFunction(lambda: region_tree()["gulou"])
    name_zh = factory.Sequence(lambda n: f"第{n}社区")
    name_en = factory.Sequence(lambda n: f"Community {n}")
    area_type = Community.AreaType.URBAN


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Derived fields (pinyin, region code...) come from the rule every write path applies.

    No validation: a test may need a row the services would refuse (an old or imported one)."""

    class Meta:
        model = Organization

    name_zh = factory.Sequence(lambda n: f"测试社会工作服务中心{n}")
    name_en = factory.Sequence(lambda n: f"Test Social Work Center {n}")
    credit_code = factory.Sequence(make_credit_code)
    legal_form = LegalForm.SOCIAL_SERVICE_ORGANIZATION
    region = factory.LazyFunction(lambda: region_tree()["gulou"])

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        organization = super()._build(model_class, *args, **kwargs)
        organization_derive_fields(organization)
        return organization

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organization = cls._build(model_class, *args, **kwargs)
        organization.save()
        return organization


class OrganizationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganizationMembership.Role.MEMBER
    state = OrganizationMembership.State.ACTIVE
