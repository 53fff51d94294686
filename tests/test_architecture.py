"""Imports flow one way (pyproject.toml [tool.importlinter]): the core never imports an app, and
within an app views → services/selectors → models, tasks → services. The controls run the same
contracts on a copy of the code with a violation added, to show they would catch it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_of_the_code(tmp_path: Path) -> Path:
    for package in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "root_packages"
    ]:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.txt", "*.json"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_line(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_code_keeps_every_import_contract():
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        pytest.param(
            "ngo_portal/views/home.py",
            "from organizations.selectors import user_organization_list  # noqa",
            "The core never imports an app",
            id="core-imports-an-app",
        ),
        pytest.param(
            "organizations/models.py",
            "from incubation.models import Cohort  # noqa",
            "Apps depend one way",
            id="organizations-imports-incubation",
        ),
        pytest.param(
            "incubation/models/cohorts.py",
            "import trainings.models  # noqa",
            "Apps depend one way",
            id="incubation-imports-trainings",
        ),
        pytest.param(
            "trainings/models.py",
            "import grants.models  # noqa",
            "Apps depend one way",
            id="trainings-imports-grants",
        ),
        pytest.param(
            "organizations/models.py",
            "from .services import organization_create  # noqa",
            "organizations layers",
            id="models-import-services",
        ),
        pytest.param(
            "ngo_portal/services/notifications.py",
            "from ngo_portal.tasks import notification_send  # noqa",
            "Core layers",
            id="services-import-tasks",
        ),
    ],
)
def test_a_violation_breaks_its_contract(tmp_path, module, line, contract):
    copy = _copy_of_the_code(tmp_path)
    assert _lint_imports(copy).returncode == 0  # the copy itself is clean

    _add_line(copy / module, line)
    result = _lint_imports(copy)

    assert result.returncode != 0
    assert "1 broken" in result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken, result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> " in broken, result.stdout
