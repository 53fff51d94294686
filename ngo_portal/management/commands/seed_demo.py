"""Demo data drawn from the seed documents; running it again changes nothing."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from ngo_portal.demo_seeders import demo_seeders
from ngo_portal.models import Center, CenterMembership, Region, User

# Printed on purpose: these are demo logins for a local installation.
DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105

CENTERS = [
    {
        "slug": "amity-ndc",
        "name": "Amity NGO Development Center",
        "name_zh": "爱德社会组织发展中心",
        "city": "Nanjing",
        "city_zh": "南京",
        "description": (
            "Selects social organizations in their growing phase, provides incubation and "
            "fostering, and trains them in organizational management, team building, "
            "professional service, resource development and philanthropic spirit."
        ),
        "description_zh": (
            "遴选处于成长期、能切实回应社会需求的社会组织，提供孵化与培育，"
            "并开展组织管理、团队建设、专业服务、资源开发和公益精神等方面的培训。"
        ),
    },
    {
        "slug": "cango",
        "name": "China Association for NGO Cooperation",
        "name_zh": "中国国际民间组织合作促进会",
        "city": "Beijing",
        "city_zh": "北京",
        "address": "C-601 East Building, Yonghe Plaza, 28 Andingmen East Street, Beijing",
        "description": (
            "Runs regional trainings on NGO professionalism: core organizations are trained "
            "first and pass the knowledge on to local NGOs through trainings of their own."
        ),
        "description_zh": (
            "开展社会组织专业化区域培训：先培训区域骨干组织，再由其向本地社会组织传递知识。"
        ),
    },
]

# (e-mail, full name, center slug or None, role or None, superuser)
LOGINS = [
    ("admin@example.org", "Portal Administrator", None, None, True),
    ("manager@example.org", "Wang Li", "amity-ndc", CenterMembership.Role.MANAGER, False),
    ("officer@example.org", "Chen Jing", "amity-ndc", CenterMembership.Role.OFFICER, False),
    ("reviewer@example.org", "Zhou Peng", "amity-ndc", CenterMembership.Role.REVIEWER, False),
    ("mentor@example.org", "Lai Yingcai", "amity-ndc", CenterMembership.Role.MENTOR, False),
    ("cango.officer@example.org", "Liu Yang", "cango", CenterMembership.Role.OFFICER, False),
    ("member@example.org", "Ma Yusheng", None, None, False),  # owns Gansu XingBang
]


class Command(BaseCommand):
    help = "Create idempotent demo data and one login per role."

    @transaction.atomic
    def handle(self, *args, **options):
        centers = {}
        for data in CENTERS:
            centers[data["slug"]], _ = Center.objects.update_or_create(
                slug=data["slug"], defaults=data
            )
        users = {}
        for email, name, center_slug, role, superuser in LOGINS:
            users[email] = user = self._login(email, name, superuser)
            if center_slug:
                CenterMembership.objects.update_or_create(
                    user=user, center=centers[center_slug], defaults={"role": role}
                )
        if not Region.objects.exists():
            call_command("load_regions", stdout=self.stdout)
        # The apps' demo data (organizations...), registered in their AppConfig.ready().
        for seeder in demo_seeders():
            line = seeder.seed(logins=users)
            if line:
                self.stdout.write(line)
        self._print_logins()

    def _login(self, email, name, superuser):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                is_staff=superuser,
                is_superuser=superuser,
                preferred_language=settings.LANGUAGE_CODE,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _print_logins(self):
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for email, _name, center_slug, role, superuser in LOGINS:
            what = (
                "admin (superuser)"
                if superuser
                else f"{role} at {center_slug}"
                if role
                else "NGO member (owner of Gansu XingBang)"
            )
            self.stdout.write(f"  {email:<28} {what}")
