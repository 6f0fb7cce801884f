"""Run the rule modules over a report: select rules, run them, locate, fingerprint and sort.

Selection takes codes (``D401``), prefixes (``D4``, ``D``), kebab names (``late-report``),
family names (``dates``) or ``ALL``. When a rule matches both ``select`` and ``ignore``, the
more specific selector wins (a code or name beats a prefix, a longer prefix beats a shorter
one, a family counts as a one-letter prefix); on a tie ``ignore`` wins. So
``select=["D"], ignore=["D402"]`` runs D401 and D403, and ``select=["D402"], ignore=["D"]``
runs D402 only.

A rule that raises does not stop the audit: the engine records an ``E000 internal-error``
finding (severity error) naming the rule and the exception, and the other rules still run.
``lapkin-audit check`` exits 2 when such a finding is present: the audit is incomplete.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from lapkin_audit.model import Finding, FindingLocation, Location, Report, Severity, caption_label
from lapkin_audit.rules.registry import Context, Rule, all_rules

INTERNAL_ERROR = "E000"


class SelectionError(ValueError):
    """A selector that names no rule (a usage or configuration error: exit 2)."""


# --------------------------------------------------------------------------------------------
# Selection.


def _specificity(selector: str, rule: type[Rule]) -> int:
    """How specifically ``selector`` names ``rule``: 0 when it does not."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 1
    if sel.upper() == rule.code or sel.lower() == rule.name:
        return 100
    if sel.lower() == rule.family:
        return 1
    if sel and rule.code.startswith(sel.upper()):
        return len(sel)
    return 0


def _split(selectors: Iterable[str] | str | None) -> list[str]:
    if selectors is None:
        return []
    items = [selectors] if isinstance(selectors, str) else list(selectors)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def select_rules(
    select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None
) -> list[type[Rule]]:
    """The registered rules chosen by ``select`` (default: all) minus ``ignore``."""
    rules = all_rules()
    selects, ignores = _split(select) or ["ALL"], _split(ignore)
    for selector in selects + ignores:
        if not any(_specificity(selector, rule) for rule in rules):
            raise SelectionError(
                f"{selector!r} selects no rule (use a code, prefix, name or family)"
            )
    chosen = []
    for rule in rules:
        best_select = max(_specificity(s, rule) for s in selects)
        best_ignore = max((_specificity(s, rule) for s in ignores), default=0)
        if best_select and best_select > best_ignore:
            chosen.append(rule)
    return chosen


# --------------------------------------------------------------------------------------------
# Running.


def _internal_error(rule: type[Rule], exc: Exception) -> Finding:
    from lapkin_audit.rules.files import InternalError

    error = f"{type(exc).__name__}: {exc}"
    return InternalError().finding(rule=f"{rule.code} {rule.name}", error=error)


def run_rule(rule: type[Rule], report: Report, ctx: Context) -> list[Finding]:
    """One rule's findings; an exception becomes one E000 finding instead of a crash."""
    try:
        return list(rule().check(report, ctx))
    except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the audit
        return [_internal_error(rule, exc)]


def audit(
    report: Report,
    ctx: Context | None = None,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    min_severity: Severity | str | None = None,
) -> list[Finding]:
    """Run the selected rules over ``report``: findings located, fingerprinted, in order."""
    ctx = _with_pack(ctx or Context())
    findings = [f for rule in select_rules(select, ignore) for f in run_rule(rule, report, ctx)]
    if min_severity is not None:
        floor = Severity(min_severity).rank
        findings = [f for f in findings if f.severity.rank >= floor]
    for finding in findings:
        finding.location = locate(finding.location, report)
    assign_fingerprints(findings)
    return sorted(findings, key=DocumentOrder(report).key)


def _with_pack(ctx: Context) -> Context:
    if ctx.pack is not None:
        return ctx
    from lapkin_audit.packs import load_pack

    return replace(ctx, pack=load_pack())


# --------------------------------------------------------------------------------------------
# Locations: from the model's 0-based grid positions to page, caption, row number, header.


def table_label(report: Report, index: int) -> str:
    """``Tabel 2.2`` when the caption starts with one, else ``table N`` (1-based)."""
    table = report.tables[index]
    label = caption_label(table.caption)
    if label:
        return f"{label[0].capitalize()} {label[1]}"
    return f"table {index + 1}"


def _cell(report: Report, raw: Location) -> Any:
    table = report.tables[raw.table]
    if raw.row is None or raw.column is None:
        return None
    if not (0 <= raw.row < table.n_rows and 0 <= raw.column < table.n_cols):
        return None
    return table.grid()[raw.row][raw.column]


def _view_column_label(report: Report, raw: Location) -> str | None:
    views = [v for v in report.views if v.table == raw.table]
    covering = [v for v in views if any(raw.row in r.grid_rows for r in v.rows)]
    for view in covering + views:
        for column in view.columns:
            if column.index == raw.column:
                return column.label
    return None


def _paragraph_page(report: Report, raw: Location) -> int | None:
    if raw.paragraph is not None and 0 <= raw.paragraph < len(report.paragraphs):
        return report.paragraphs[raw.paragraph].loc.page
    return None


def locate(location: FindingLocation, report: Report) -> FindingLocation:
    """Fill the user-facing fields of a finding's location from its raw model location."""
    raw = location.raw or Location()
    found = location.model_copy(update={"raw": raw, "paragraph": raw.paragraph})
    found.page, found.bbox = raw.page, raw.bbox
    if raw.table is not None and 0 <= raw.table < len(report.tables):
        table = report.tables[raw.table]
        cell = _cell(report, raw)
        found.table = table_label(report, raw.table)
        found.row = raw.row + 1 if raw.row is not None else None
        found.column = location.column or (
            _view_column_label(report, raw) if raw.column is not None else None
        )
        found.page = found.page or (cell.page if cell else None)
        found.bbox = found.bbox or (cell.bbox if cell else None)
        if found.page is None and len(table.pages) == 1:
            found.page = table.pages[0]
    found.page = found.page or _paragraph_page(report, raw)
    return found


# --------------------------------------------------------------------------------------------
# Fingerprints and document order.


def _fingerprint_key(finding: Finding) -> str:
    loc = finding.location
    parts = [finding.code, loc.table or "", str(loc.row or ""), loc.column or "",
             json.dumps(finding.actual, default=str), json.dumps(finding.expected, default=str)]
    return "\x1f".join(parts)


def assign_fingerprints(findings: list[Finding]) -> None:
    """sha256 over code, table label, row, column, actual and expected (16 hex chars).

    Never page, bbox or message text, so it survives re-pagination and rewording. Findings
    that share a key (one rule firing twice on the same values) get ``#2``, ``#3`` … appended
    to the key in the order the rule produced them.
    """
    seen: dict[str, int] = {}
    for finding in findings:
        key = _fingerprint_key(finding)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        finding.fingerprint = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class DocumentOrder:
    """Sort key: block order, then grid row, then column, then code.

    Findings without a place in the document (about the whole report) come first.
    """

    def __init__(self, report: Report) -> None:
        self.position: dict[tuple[str, int], int] = {
            (block.kind, block.index): i for i, block in enumerate(report.blocks)
        }
        self.page_starts = self._page_starts(report)

    def _page_starts(self, report: Report) -> list[tuple[int, int]]:
        starts = []
        for i, block in enumerate(report.blocks):
            page = self._block_page(report, block.kind, block.index)
            if page is not None:
                starts.append((page, i))
        return starts

    @staticmethod
    def _block_page(report: Report, kind: str, index: int) -> int | None:
        if kind == "paragraph" and index < len(report.paragraphs):
            return report.paragraphs[index].loc.page
        if kind == "table" and index < len(report.tables) and report.tables[index].pages:
            return report.tables[index].pages[0]
        return None

    def block(self, raw: Location) -> int:
        if raw.table is not None and ("table", raw.table) in self.position:
            return self.position[("table", raw.table)]
        if raw.paragraph is not None and ("paragraph", raw.paragraph) in self.position:
            return self.position[("paragraph", raw.paragraph)]
        if raw.page is not None:
            later = [i for page, i in self.page_starts if page >= raw.page]
            return min(later) if later else len(self.position)
        return -1

    def key(self, finding: Finding) -> tuple[int, int, int, str]:
        raw = finding.location.raw or Location()
        row = raw.row if raw.row is not None else -1
        column = raw.column if raw.column is not None else -1
        return (self.block(raw), row, column, finding.code)
