"""The engine: selection, crash isolation, locations, fingerprints and document order."""

from __future__ import annotations

import datetime as dt

import pytest

from lapkin_audit import engine
from lapkin_audit.engine import SelectionError, audit, select_rules
from lapkin_audit.model import (
    Block,
    Cell,
    Column,
    Location,
    Message,
    Paragraph,
    RawTable,
    Report,
    Severity,
    Signature,
    Source,
    TableView,
    ViewKind,
    ViewRow,
)
from lapkin_audit.packs import load_pack
from lapkin_audit.rules.registry import Context, Rule


def _report() -> Report:
    cells = [
        Cell(text="No", row=0, col=0), Cell(text="Capaian 6=4/5", row=0, col=1),
        Cell(text="1", row=1, col=0, page=7, bbox=(10, 20, 30, 40)),
        Cell(text="170%", row=1, col=1, page=7, bbox=(50, 20, 90, 40)),
        Cell(text="2", row=2, col=0, page=8), Cell(text="111%", row=2, col=1, page=8),
    ]
    captioned = RawTable(index=0, n_rows=3, n_cols=2, cells=cells, pages=[7, 8],
                         caption="Tabel 2.2 Capaian Kinerja Camat")
    plain = RawTable(index=1, n_rows=1, n_cols=1, cells=[Cell(text="x", row=0, col=0)],
                     caption="Anggaran program")
    view = TableView(
        kind=ViewKind.CAPAIAN, table=0, caption=captioned.caption, header_rows=[0],
        columns=[Column(role="number", index=0, header=["No"]),
                 Column(role="capaian", index=1, header=["Capaian 6=4/5"])],
        rows=[ViewRow(grid_rows=[1]), ViewRow(grid_rows=[2])],
    )
    texts = [("BAB I", 1), ("dari 9 indikator", 6), ("Senduro", 9)]
    paragraphs = [Paragraph(index=i, text=t, loc=Location(paragraph=i, page=p))
                  for i, (t, p) in enumerate(texts)]
    return Report(
        source=Source(path="x.pdf", format="pdf"),
        paragraphs=paragraphs,
        tables=[captioned, plain],
        views=[view],
        blocks=[Block(kind="paragraph", index=0), Block(kind="paragraph", index=1),
                Block(kind="table", index=0), Block(kind="table", index=1),
                Block(kind="paragraph", index=2)],
        signatures=[Signature(date=dt.date(2023, 6, 30), name="A", nip="19681114 199003 1 004",
                              loc=Location(paragraph=2, page=9))],
    )


def _rule(code: str, locs: list[tuple[Location, str | None, object]], *, crash: bool = False):
    class Probe(Rule):
        """Probe.

        ## What it checks
        ## Why it matters
        ## Example (fails)
        ## Example (passes)
        """

        name = f"probe-{code.lower()}"
        family = "arithmetic"
        template = Message(id="tertulis {actual}", en="printed {actual}")

        def check(self, report, ctx):
            if crash:
                raise KeyError("quarterly")
            for loc, column, actual in locs:
                yield self.finding(loc, actual=actual, column=column)

    Probe.code = code
    return Probe


@pytest.fixture
def probes(monkeypatch):
    def install(*rules):
        monkeypatch.setattr(engine, "all_rules", lambda: list(rules))
    return install


def test_locations_are_filled_from_the_model(probes) -> None:
    probes(_rule("A101", [(Location(table=0, row=1, column=1), None, 170)]))
    (finding,) = audit(_report(), Context(pack=load_pack()))
    loc = finding.location
    assert (loc.page, loc.table, loc.row, loc.column) == (7, "Tabel 2.2", 2, "Capaian 6=4/5")
    assert loc.bbox == (50, 20, 90, 40)
    assert loc.raw == Location(table=0, row=1, column=1)


def test_rule_column_label_wins_and_uncaptioned_tables_are_numbered(probes) -> None:
    probes(_rule("A101", [(Location(table=0, row=2, column=1), "Capaian", 111),
                          (Location(table=1, row=0, column=0), None, 1)]))
    first, second = audit(_report(), Context(pack=load_pack()))
    assert (first.location.column, first.location.page) == ("Capaian", 8)
    assert second.location.table == "table 2"


def test_paragraph_page(probes) -> None:
    probes(_rule("N301", [(Location(paragraph=1), None, 9)]))
    (finding,) = audit(_report(), Context(pack=load_pack()))
    assert (finding.location.page, finding.location.paragraph) == (6, 1)


def test_document_order_then_row_then_column_then_code(probes) -> None:
    probes(
        _rule("A102", [(Location(table=0, row=2, column=1), None, 1)]),
        _rule("A101", [(loc, None, 1) for loc in (
            Location(paragraph=2), Location(table=0, row=1, column=1),
            Location(table=0, row=2, column=1), Location(),
            Location(paragraph=1), Location(table=0, row=1, column=0),
        )]),
    )
    found = audit(_report(), Context(pack=load_pack()))
    order = [(f.code, f.location.paragraph, f.location.row, f.location.raw.column) for f in found]
    assert order == [
        ("A101", None, None, None),  # whole-document findings first
        ("A101", 1, None, None),
        ("A101", None, 2, 0), ("A101", None, 2, 1),
        ("A101", None, 3, 1), ("A102", None, 3, 1),
        ("A101", 2, None, None),
    ]


def test_fingerprint_ignores_page_bbox_and_message(probes) -> None:
    loc = Location(table=0, row=1, column=1)
    probes(_rule("A101", [(loc, None, 170)]))
    report = _report()
    (before,) = audit(report, Context(pack=load_pack()))
    moved = report.model_copy(deep=True)
    for cell in moved.tables[0].cells:
        cell.page, cell.bbox = 12, (0, 0, 1, 1)
    (after,) = audit(moved, Context(pack=load_pack(), lang="en"))
    assert before.fingerprint == after.fingerprint
    assert len(before.fingerprint) == 16 and int(before.fingerprint, 16) >= 0


def test_fingerprint_changes_with_values_and_place(probes) -> None:
    probes(_rule("A101", [(Location(table=0, row=1, column=1), None, 170),
                          (Location(table=0, row=1, column=1), None, 171),
                          (Location(table=0, row=2, column=1), None, 170),
                          (Location(table=0, row=2, column=1), None, 170)]))
    prints = [f.fingerprint for f in audit(_report(), Context(pack=load_pack()))]
    assert len(set(prints)) == 4  # the exact duplicate gets an occurrence suffix


def test_a_crashing_rule_becomes_an_internal_finding(probes) -> None:
    probes(_rule("A101", [], crash=True), _rule("A102", [(Location(paragraph=1), None, 1)]))
    found = audit(_report(), Context(pack=load_pack()))
    assert [f.code for f in found] == ["E000", "A102"]
    internal = found[0]
    assert internal.severity is Severity.ERROR and internal.name == "internal-error"
    assert "A101" in internal.message.en and "KeyError" in internal.message.en


def test_min_severity_filters(probes) -> None:
    probes(_rule("A101", [(Location(paragraph=1), None, 1)]))
    assert audit(_report(), Context(pack=load_pack()), min_severity="error")
    engine_rule = engine.all_rules()[0]
    engine_rule.default_severity = Severity.INFO
    assert not audit(_report(), Context(pack=load_pack()), min_severity=Severity.WARNING)


def test_pack_defaults_when_context_has_none(probes) -> None:
    seen = {}

    class Spy(_rule("D401", [])):
        def check(self, report, ctx):
            seen["pack"] = ctx.pack
            return iter(())

    probes(Spy)
    audit(_report())
    assert seen["pack"].name == "default"


# Selection over the real registry.

def _codes(**kwargs) -> set[str]:
    return {r.code for r in select_rules(**kwargs)}


def test_select_by_code_prefix_name_and_family() -> None:
    assert _codes(select=["D401"]) == {"D401"}
    assert _codes(select="D40") == {"D401", "D402", "D403"}
    assert _codes(select=["late-report", "I5"]) == {"D401", "I501", "I502"}
    assert _codes(select=["identity"]) == {"I501", "I502"}
    assert _codes(select="d401,i502") == {"D401", "I502"}


def test_ignore_and_specificity() -> None:
    assert _codes(select=["D"], ignore=["D402"]) == {"D401", "D403"}
    assert _codes(select=["D402"], ignore=["D"]) == {"D402"}
    assert "D401" not in _codes(ignore=["dates"])
    assert "I501" in _codes(ignore=["dates"])


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(SelectionError, match="Z9"):
        select_rules(select=["Z9"])
    with pytest.raises(SelectionError):
        select_rules(ignore=["no-such-rule"])


def test_real_rules_run_on_a_report() -> None:
    report = _report()
    found = audit(report, Context(pack=load_pack("kab-lumajang")), select=["D", "I"])
    assert [f.code for f in found] == []  # no period: no deadline; valid NIP; signed
    report.signatures[0].nip = None
    (missing,) = audit(report, Context(pack=load_pack()), select=["I502"])
    assert missing.location.page == 9
