"""The /healthz report on the command line, for container health checks and cron probes.

It prints the same JSON as the endpoint and exits 1 when a component is down, so a supervisor
can act on the exit code alone.
"""

import json
import sys

from django.core.management.base import BaseCommand

from ngo_portal.health import health_report


class Command(BaseCommand):
    help = "Check PostgreSQL, Redis and a Celery worker; print JSON and exit 1 if any is down."
    # System checks may query the database; a probe must report it down, not crash on it.
    requires_system_checks = []

    def handle(self, *args, **options):
        healthy, report = health_report()
        self.stdout.write(json.dumps(report))
        if not healthy:
            sys.exit(1)
