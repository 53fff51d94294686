"""Synthetic trainings for `make bench`: 5,000 sessions and 200,000 registrations by default.

Sessions belong to the portal's host center (its officers see every roster), spread over the
years around today in every prefecture-level city, each with 30-60 seats, full, the rest on the
waiting list. Participants come from the bench organizations (run `bench_seed` first). Synthetic
sessions are marked by their venue (BENCH_VENUE): a second run with the same sizes does nothing,
other sizes (or --reset) replace them. Registrations go in with COPY.
"""

import datetime
import random
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from ngo_portal.models import Center, Region
from organizations.models import Organization
from trainings.models import Registration, TrainingProgram, TrainingSession
from trainings.rules import session_derive_fields

BENCH_VENUE = "bench.invalid"
BATCH = 10_000
REGISTRATION_COLUMNS = (
    "session_id",
    "organization_id",
    "name",
    "position",
    "email",
    "phone",
    "gender",
    "language",
    "status",
    "waitlist_position",
    "token",
    "created_at",
    "confirmed_at",
)


class Command(BaseCommand):
    help = "Seed synthetic training sessions and registrations for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=5_000)
        parser.add_argument("--registrations", type=int, default=200_000)
        parser.add_argument("--reset", action="store_true", help="remove the synthetic rows first")
        parser.add_argument("--seed", type=int, default=2014)

    def handle(self, *args, sessions, registrations, reset, seed, **options):
        marked = TrainingSession.objects.filter(venue=BENCH_VENUE)
        existing = Registration.objects.filter(session__venue=BENCH_VENUE)
        if not reset and marked.count() == sessions and existing.count() == registrations:
            self.stdout.write("Bench trainings already seeded.")
            return
        organization_ids = list(Organization.objects.values_list("pk", flat=True)[:50_000])
        if not organization_ids:
            raise CommandError("Seed organizations first: `manage.py bench_seed`.")
        random.seed(seed)
        with transaction.atomic():
            self._remove(marked)
            created = self._sessions(sessions)
            self._registrations(created, registrations, organization_ids)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE trainings_trainingsession; ANALYZE trainings_registration")
        self.stdout.write(
            self.style.SUCCESS(f"{len(created):,} sessions, {registrations:,} registrations.")
        )

    def _remove(self, marked) -> None:
        Registration.objects.filter(session__in=marked).delete()
        marked.delete()

    def _sessions(self, count: int) -> list[TrainingSession]:
        center, _created = Center.objects.get_or_create(
            slug=settings.PORTAL_HOST_CENTER, defaults={"name": "Benchmark Center"}
        )
        program, _created = TrainingProgram.objects.get_or_create(
            center=center, title="Bench program", defaults={"planned_sessions": 1}
        )
        cities = list(Region.objects.filter(level=Region.Level.CITY))
        today = timezone.localdate()
        sessions = []
        for n in tqdm(range(count), desc="sessions", unit="session"):
            starts = today + datetime.timedelta(days=random.randint(-900, 900))
            opens = timezone.make_aware(datetime.datetime.combine(starts, datetime.time(9)))
            session = TrainingSession(
                center=center,
                program=program if n < 50 else None,
                number=n + 1 if n < 50 else None,
                title=f"Bench training {n + 1}",
                title_zh=f"基准培训{n + 1}",
                region=random.choice(cities),
                venue=BENCH_VENUE,
                starts_on=starts,
                ends_on=starts + datetime.timedelta(days=random.randint(0, 2)),
                capacity=random.randint(30, 60),
                registration_opens=opens - datetime.timedelta(days=60),
                registration_closes=opens - datetime.timedelta(days=2),
                status=TrainingSession.Status.PUBLISHED,
            )
            session_derive_fields(session)
            sessions.append(session)
        return TrainingSession.objects.bulk_create(sessions, batch_size=1000)

    def _registrations(self, sessions, total: int, organization_ids) -> None:
        per_session = self._spread(total, len(sessions))
        columns = ", ".join(REGISTRATION_COLUMNS)
        now = timezone.now()
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(
                f"COPY trainings_registration ({columns}) FROM STDIN"
            ) as copy,
            tqdm(total=total, desc="registrations", unit="row") as bar,
        ):
            serial = 0
            for session, count in zip(sessions, per_session, strict=True):
                for n in range(count):
                    serial += 1
                    confirmed = n < session.capacity
                    copy.write_row(
                        (
                            session.pk,
                            random.choice(organization_ids),
                            f"参训人{serial}",
                            "",
                            f"r{serial}@{BENCH_VENUE}",
                            "",
                            random.choice(("female", "male")),
                            "zh-hans",
                            "confirmed" if confirmed else "waitlisted",
                            None if confirmed else n - session.capacity + 1,
                            secrets.token_urlsafe(24),
                            now,
                            now if confirmed else None,
                        )
                    )
                bar.update(count)
                session.confirmed_count = min(count, session.capacity)
                session.waitlist_next = max(count - session.capacity, 0) + 1
        TrainingSession.objects.bulk_update(
            sessions, ["confirmed_count", "waitlist_next"], batch_size=1000
        )

    def _spread(self, total: int, sessions: int) -> list[int]:
        """Registrations per session adding up to `total`, about total/sessions each."""
        base, extra = divmod(total, sessions)
        return [base + (1 if n < extra else 0) for n in range(sessions)]
