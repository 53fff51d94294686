import factory
from allauth.account.models import EmailAddress

from ngo_portal.models import Center, CenterMembership, Report, User

PASSWORD = "a-strong-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """A verified primary e-mail unless verified=False: allauth refuses logins without one."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if create:
            user.save()


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"center-{n}")
    name = factory.Sequence(lambda n: f"Center {n}")
    name_zh = factory.Sequence(lambda n: f"中心{n}")
    city = "Nanjing"
    city_zh = "南京"


class CenterMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CenterMembership

    user = factory.SubFactory(UserFactory)
    center = factory.SubFactory(CenterFactory)
    role = CenterMembership.Role.OFFICER


class ReportFactory(factory.django.DjangoModelFactory):
    """A job row as the service records it; `kind` must be registered for it to run."""

    class Meta:
        model = Report

    kind = "organizations.export"
    requested_by = factory.SubFactory(UserFactory)
    parameters = factory.LazyFunction(dict)
    language = "en"
