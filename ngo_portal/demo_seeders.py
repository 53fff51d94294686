"""Demo data that apps contribute to `manage.py seed_demo`, run in order after the core's own.

An app registers a seeder in its AppConfig.ready():

    register_demo_seeder("organizations", seed_demo_organizations, order=10)

A seeder is called as `seeder(logins=...)` with the demo logins by e-mail address, inside the
command's transaction; it must be idempotent, and returns a line to print (or None).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    seed: Callable[..., str | None]
    order: int = 100


DEMO_SEEDERS: dict[str, DemoSeeder] = {}


def register_demo_seeder(name: str, seed: Callable[..., str | None], *, order: int = 100):
    seeder = DemoSeeder(name, seed, order)
    if DEMO_SEEDERS.get(name, seeder) != seeder:
        raise ImproperlyConfigured(f"The demo seeder {name!r} is registered twice.")
    DEMO_SEEDERS[name] = seeder
    return seeder


def demo_seeders() -> list[DemoSeeder]:
    return sorted(DEMO_SEEDERS.values(), key=lambda seeder: (seeder.order, seeder.name))
