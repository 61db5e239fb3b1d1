"""Issue #16: CI's pip-audit step fails on a known vulnerability with a fix, and says when it could not run."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_vulnerability_with_a_fix_fails(audit, capsys):
    deps = [
        {"name": "django", "version": "6.1.3", "vulns": [{"id": "PYSEC-1", "fix_versions": ["6.1.4"]}]},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
    ]

    assert audit.judge(deps) == 1
    assert "django 6.1.3: PYSEC-1 (fixed in 6.1.4)" in capsys.readouterr().out


def test_a_vulnerability_without_a_fix_is_reported_but_passes(audit, capsys):
    deps = [{"name": "reportlab", "version": "5.1.0", "vulns": [{"id": "GHSA-x", "fix_versions": []}]}]

    assert audit.judge(deps) == 0
    assert "without a fix yet" in capsys.readouterr().out


def test_nothing_audited_says_so_and_fails_only_when_required(audit, capsys, monkeypatch):
    deps = [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}]

    assert audit.judge(deps) == 0
    assert "pip-audit did NOT run" in capsys.readouterr().out
    monkeypatch.setenv("AUDIT_REQUIRED", "1")
    assert audit.judge(deps) == 1
