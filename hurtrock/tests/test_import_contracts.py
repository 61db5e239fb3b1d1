"""The app layers (import-linter contracts in pyproject.toml) hold, and they do catch a violation."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_project_keeps_its_import_contracts():
    result = _lint_imports(ROOT, ROOT / "pyproject.toml")

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_catalog_contract_breaks_when_catalog_imports_inventory(tmp_path):
    """The same catalog contract, on a two-package project where catalog imports inventory."""
    contract = next(
        c
        for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
        if c["id"] == "catalog"
    )
    for package in ("catalog", "inventory", "orders", "payments", "chat"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "catalog" / "models.py").write_text("from inventory import models  # noqa\n")
    (tmp_path / "inventory" / "models.py").write_text("")
    forbidden = ", ".join(f'"{name}"' for name in contract["forbidden_modules"])
    config = tmp_path / "contracts.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["catalog", "inventory", "orders", "payments", "chat"]\n'
        "[[tool.importlinter.contracts]]\n"
        f'name = "{contract["name"]}"\ntype = "forbidden"\nsource_modules = ["catalog"]\n'
        f"forbidden_modules = [{forbidden}]\n"
    )

    result = _lint_imports(tmp_path, config)

    assert result.returncode == 1, result.stdout[-2000:]
    assert "catalog.models -> inventory" in result.stdout
    shutil.rmtree(tmp_path, ignore_errors=True)
