"""Create the configured database if it does not exist, with the encoding Chinese search needs.

pg_trgm extracts no trigrams from Chinese text under the C locale, so the database is created
from template0 with UTF-8 and a UTF-8 LC_CTYPE whatever the cluster's default is.
"""

import psycopg
from django.core.management.base import BaseCommand
from django.db import connection
from psycopg import sql

# Tests create their database from this empty template, so they get the same locale.
UTF8_TEMPLATE = "ngo_portal_utf8_template"


class Command(BaseCommand):
    help = (
        "Create the configured PostgreSQL database and the test template (UTF-8, C.UTF-8 ctype) "
        "if they are missing."
    )

    def handle(self, *args, **options):
        params = connection.get_connection_params()
        name = params.pop("dbname")
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("prepare_threshold", None)
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            for database in (name, UTF8_TEMPLATE):
                self._create(conn, database)

    def _create(self, conn, name):
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            ).format(sql.Identifier(name))
        )
        self.stdout.write(f"Created database {name}.")
