"""Every user-facing string has its Simplified Chinese translation, and the catalogue is current.

The catalogue is rebuilt with `makemessages` in a scratch copy of the code: a string added to the
code or a template without running `make messages` shows up there as untranslated.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")
SOURCES = [
    "manage.py",
    "ngo_portal",
    "organizations",
    "incubation",
    "trainings",
    "grants",
    "templates",
    "locale",
]
STATISTICS = re.compile(
    r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?(?:, (\d+) untranslated messages?)?"
)


def _statistics(po: Path) -> tuple[int, int, int]:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    translated, fuzzy, untranslated = STATISTICS.search(result.stderr).groups()
    return int(translated), int(fuzzy or 0), int(untranslated or 0)


def test_the_catalogue_translates_everything():
    translated, fuzzy, untranslated = _statistics(settings.BASE_DIR / CATALOGUE)

    assert translated > 500
    assert (fuzzy, untranslated) == (0, 0)


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
            )
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "ngo_portal.settings.dev"},
    )

    _translated, fuzzy, untranslated = _statistics(tmp_path / CATALOGUE)

    assert (fuzzy, untranslated) == (0, 0), "run `make messages` and translate the new strings"
