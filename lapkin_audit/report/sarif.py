"""SARIF 2.1.0 output (``--format sarif``) for GitHub code scanning and other SARIF viewers.

A PDF or DOCX has no text lines, so every result's ``region`` is ``startLine: 1`` with the page
and bbox in ``region.properties``; the place inside the document is a ``logicalLocations``
path ``page[7]/table[Tabel 2.2]/row[2]/col[Capaian]``. ``partialFingerprints`` carries the
finding's fingerprint (never page numbers), so alerts survive re-pagination. A file that could
not be audited is a result of its E-code at file level, and a notification of the invocation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lapkin_audit import __version__
from lapkin_audit.check import FileResult
from lapkin_audit.model import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "lapkinFinding/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: Path) -> tuple[str, str | None]:
    """A relative URI under %SRCROOT% (the working folder) when possible, else file://."""
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve())
        return quote(relative.as_posix()), "%SRCROOT%"
    except ValueError:
        return resolved.as_uri(), None


def _artifact(path: Path) -> dict[str, Any]:
    uri, base = artifact_uri(path)
    return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}


def logical_path(finding: Finding) -> str | None:
    loc = finding.location
    parts = []
    if loc.page is not None:
        parts.append(f"page[{loc.page}]")
    if loc.table:
        parts.append(f"table[{loc.table}]")
    if loc.row is not None:
        parts.append(f"row[{loc.row}]")
    if loc.column:
        parts.append(f"col[{loc.column}]")
    if loc.paragraph is not None and not loc.table:
        parts.append(f"paragraph[{loc.paragraph + 1}]")
    return "/".join(parts) or None


def _result(result: FileResult, finding: Finding, lang: str, rule_index: dict[str, int]
            ) -> dict[str, Any]:
    loc = finding.location
    region_props: dict[str, Any] = {}
    if loc.page is not None:
        region_props["page"] = loc.page
    if loc.bbox:
        region_props["bbox"] = [round(float(v), 2) for v in loc.bbox]
    region: dict[str, Any] = {"startLine": 1}
    if region_props:
        region["properties"] = region_props
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": _artifact(result.path), "region": region},
    }
    fqn = logical_path(finding)
    if fqn:
        location["logicalLocations"] = [{"fullyQualifiedName": fqn, "kind": "element"}]
    props: dict[str, Any] = {
        key: value for key, value in (
            ("table", loc.table), ("row", loc.row), ("column", loc.column),
            ("actual", finding.actual), ("expected", finding.expected),
            ("actualText", finding.actual_text), ("expectedText", finding.expected_text),
        ) if value is not None
    }
    if loc.page is not None:
        uri, _ = artifact_uri(result.path)
        props["viewerUri"] = f"{uri}#page={loc.page}"
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message.get(lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": props,
    }
    if finding.code in rule_index:
        out["ruleIndex"] = rule_index[finding.code]
    return out


def _error_result(result: FileResult, lang: str, rule_index: dict[str, int]) -> dict[str, Any]:
    message = result.error_message.get(lang) if result.error_message else result.error_code
    out: dict[str, Any] = {
        "ruleId": result.error_code,
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.path),
                                            "region": {"startLine": 1}}}],
    }
    if result.error_code in rule_index:
        out["ruleIndex"] = rule_index[result.error_code]
    return out


def _rules(lang: str) -> list[dict[str, Any]]:
    from lapkin_audit.rules.registry import all_rules

    rules = []
    for rule in all_rules():
        rules.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc()},
            "defaultConfiguration": {"level": LEVEL[rule.default_severity]},
            "properties": {"family": rule.family},
        })
    return rules


def document(results: list[FileResult], *, lang: str = "id") -> dict[str, Any]:
    rules = _rules(lang)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications = []
    for result in results:
        if result.error_code:
            sarif_results.append(_error_result(result, lang, rule_index))
            notifications.append({
                "level": "error",
                "message": {"text": f"{result.path}: {result.error_code}"},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.path)}}],
            })
            continue
        sarif_results.extend(_result(result, f, lang, rule_index) for f in result.findings)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "lapkin-audit", "version": __version__,
                            "rules": rules}},
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": sarif_results,
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], *, lang: str = "id") -> str:
    return json.dumps(document(results, lang=lang), ensure_ascii=False, indent=2)
