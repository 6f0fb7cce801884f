"""Registry meta-tests: each rule is documented, named, coded, with firing and passing fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lapkin_audit.model import Message, Severity
from lapkin_audit.rules.registry import FAMILIES, all_rules

FIXTURES = Path(__file__).parent / "fixtures"
HEADINGS = ("## What it checks", "## Why it matters", "## Example (fails)", "## Example (passes)")
FAMILY_LETTER = {
    "arithmetic": "A1", "consistency": "C2", "narrative": "N3", "dates": "D4",
    "identity": "I5", "structure": "S6", "text": "T7", "files": "E0",
}
# File-level codes are raised by the reader or the engine, never by a rule's check():
# they are covered by the CLI tests (tests/test_cli.py), not by model fixtures.
NO_FIXTURE_FAMILIES = {"files"}

RULES = all_rules()


def _ids(rule) -> str:
    return rule.code


def test_codes_are_unique_and_sorted() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))


def test_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_every_family_has_a_letter() -> None:
    assert set(FAMILIES) == set(FAMILY_LETTER)


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_metadata(rule) -> None:
    assert re.fullmatch(r"[ACNDISTE][0-9]{3}", rule.code)
    assert rule.code.startswith(FAMILY_LETTER[rule.family]), (rule.code, rule.family)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
    assert isinstance(rule.default_severity, Severity)
    assert isinstance(rule.template, Message) and rule.template.id and rule.template.en


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_docstring_has_required_headings(rule) -> None:
    doc = rule.doc()
    assert doc and not doc.startswith("#"), "first line is the one-line summary"
    missing = [h for h in HEADINGS if h not in doc]
    assert not missing, f"{rule.code} docstring lacks {missing}"


def _fixture_cases(code: str) -> list[dict]:
    file = FIXTURES / f"{code}.yaml"
    if not file.exists():
        return []
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert data["rule"] == code, f"{file.name} names rule {data['rule']}"
    return data["cases"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.family not in NO_FIXTURE_FAMILIES],
                         ids=_ids)
def test_every_rule_has_a_firing_and_a_passing_fixture(rule) -> None:
    cases = _fixture_cases(rule.code)
    assert cases, f"no fixture file tests/rules/fixtures/{rule.code}.yaml"
    fires = [c for c in cases if any(e.get("code") == rule.code for e in c.get("expect", []))]
    passes = [c for c in cases if not c.get("expect")]
    assert fires, f"{rule.code}: no case where the rule fires"
    assert passes, f"{rule.code}: no case where the rule must stay silent"


def test_every_fixture_file_names_a_registered_rule() -> None:
    codes = {r.code for r in RULES}
    for file in FIXTURES.glob("*.yaml"):
        assert file.stem in codes, f"{file.name}: no rule {file.stem} is registered"
