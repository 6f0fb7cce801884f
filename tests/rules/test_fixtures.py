"""One parametrised runner over every rule fixture in tests/rules/fixtures/ (sqlfluff-style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lapkin_audit.model import Finding
from lapkin_audit.packs import load_pack
from lapkin_audit.rules.registry import REGISTRY, Context, all_rules
from tests.rules.builders import as_date, build_report

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list[Any]:
    params = []
    for file in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def run_rule(code: str, case: dict[str, Any]) -> list[Finding]:
    all_rules()
    report = build_report(case["report"])
    ctx = Context(
        pack=load_pack(case.get("pack", "default")),
        lang="id",
        submitted=as_date(case.get("submitted")),
        options=case.get("options", {}),
    )
    return list(REGISTRY[code]().check(report, ctx))


def _matches(finding: Finding, expected: dict[str, Any]) -> bool:
    for key, want in expected.items():
        if key == "code":
            got: Any = finding.code
        elif key == "row":
            got = finding.location.raw.row if finding.location.raw else None
        elif key == "column":
            got = finding.location.column
        elif key == "severity":
            got = finding.severity.value
        elif key == "message_contains":
            got = finding.message.id + " | " + finding.message.en
            if str(want) not in got:
                return False
            continue
        else:
            got = getattr(finding, key)
        if isinstance(want, float) and isinstance(got, (int, float)):
            if abs(got - want) > 1e-9:
                return False
        elif got != want and str(got) != str(want):
            return False
    return True


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_fixture(code: str, case: dict[str, Any]) -> None:
    findings = run_rule(code, case)
    expected: list[dict[str, Any]] = case.get("expect", [])
    unmatched = [e for e in expected if not any(_matches(f, e) for f in findings)]
    assert not unmatched, f"expected findings not produced: {unmatched}\ngot: {findings}"
    if case.get("exact", True):
        assert len(findings) == len(expected), f"unexpected extra findings: {findings}"
