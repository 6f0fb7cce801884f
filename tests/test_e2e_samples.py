"""End to end: the bundled samples through `check`, as an inspector would run it.

The seed must show every defect the inspectorate found by hand, and nothing a careful
inspector would reject; the corrected seed must come out clean; the other samples must show
exactly their documented defects (sample_reports/README.md).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from lapkin_audit.check import CheckOptions, FileResult, check_file
from lapkin_audit.model import Finding, Severity
from lapkin_audit.rules.registry import Context

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"


@cache
def result(name: str) -> FileResult:
    outcome = check_file(SAMPLES / name, Context(pack=None), CheckOptions())
    assert outcome.status == "audited", outcome.error_message
    return outcome


def findings(name: str, code: str) -> list[Finding]:
    return [f for f in result(name).findings if f.code == code]


def serious(name: str) -> list[Finding]:
    return [f for f in result(name).findings if f.severity is not Severity.INFO]


SEED = ["senduro-tw2-2023.docx", "senduro-tw2-2023.pdf"]


@pytest.mark.parametrize("name", SEED)
def test_seed_capaian_inverted_three_times_not_for_100_over_100(name: str) -> None:
    capaian = [f for f in findings(name, "A102") if f.location.table == "Tabel 2.2"]
    assert sorted((f.actual, f.expected) for f in capaian) == [(86, 116.28), (111, 89.53), (170, 58.82)]
    assert not [f for f in findings(name, "A101") if f.location.table == "Tabel 2.2"]
    assert all("terbalik" in f.message.id and "inverted" in f.message.en for f in capaian)


@pytest.mark.parametrize("name", SEED)
def test_seed_arithmetic(name: str) -> None:
    [header] = findings(name, "A108")
    assert "6=4/5" in header.message.id
    [absorption] = findings(name, "A103")
    assert (absorption.actual, absorption.expected) == (35.72, 36.05)
    cost = [f for code in ("A101", "A102") for f in findings(name, code)
            if f.location.table and f.location.table.startswith("Tabel 2.3")]
    assert len(cost) == 8  # the cost-per-outcome "%" is wrong in every row
    [unreproducible] = [f for f in cost if f.code == "A101"]
    assert unreproducible.actual == 340.40 and unreproducible.expected == 29.03
    assert len(findings(name, "A106")) == 2  # indicator block and programme block
    assert len(findings(name, "A105")) == 2  # the empty Efisiensi, once per block
    assert not findings(name, "S602")  # A105 owns that column: no second report
    assert not findings(name, "A104")  # JUMLAH 2.520.758.374 is right


@pytest.mark.parametrize("name", SEED)
def test_seed_consistency(name: str) -> None:
    [target] = findings(name, "C201")
    assert (target.actual, target.expected) == (86, 100)
    realisations = {(f.actual, f.expected) for f in findings(name, "C203")}
    assert (24.97, 50) in realisations
    assert findings(name, "C209")
    [cover] = findings(name, "C206")
    assert "TRIBUNAN III" in cover.message.id
    [numbering] = findings(name, "C207")
    assert "2.3" in numbering.message.id
    assert any("20" in f.message.id and "28" in f.message.id for f in findings(name, "C205"))
    assert len(findings(name, "C208")) >= 3


@pytest.mark.parametrize("name", SEED)
def test_seed_narrative_dates_structure_text(name: str) -> None:
    counts = findings(name, "N301")
    assert {(f.actual, f.expected) for f in counts} == {(9, 4)}
    claims = " ".join(f.message.id for f in findings(name, "N302"))
    assert "belum ada yang mencapai 100%" in claims and "RKPDes" in claims
    [signed] = findings(name, "D402")
    assert signed.severity is Severity.INFO and "Cuti Bersama" in signed.message.id
    assert not findings(name, "D401")  # signed 30 Jun, deadline 7 Jul 2023
    assert findings(name, "S603")
    typos = {f.message.id.split('"')[1] for f in findings(name, "T701")}
    assert {"Realiasasi", "Realisasai", "etrfasilitasi", "Akunhtasbilitas"} <= typos
    assert any("Meningkatnya Meningkatnya" in f.message.id for f in findings(name, "T702"))
    assert not findings(name, "I501")  # 19681114 199003 1 004 is a valid NIP
    assert result(name).pack == "kab-lumajang"


@pytest.mark.parametrize("name", SEED)
def test_seed_true_statements_are_not_flagged(name: str) -> None:
    flagged_rows = {(f.location.table, f.location.row) for f in findings(name, "A103")}
    assert len(flagged_rows) == 1  # 24,97 / 40,23 / 46,07 reproduce
    below_50 = [f for f in findings(name, "N302") if "50%" in f.message.id]
    assert not below_50  # "masih dibawah 50%" holds for the absorption values


@pytest.mark.parametrize("name", ["senduro-tw2-2023-corrected.docx", "senduro-tw2-2023-corrected.pdf"])
def test_corrected_seed_is_clean(name: str) -> None:
    assert serious(name) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_pasirian_shows_exactly_its_two_defects(fmt: str) -> None:
    name = f"pasirian-tw1-2024.{fmt}"
    assert Counter(f.code for f in serious(name)) == Counter({"A101": 1, "A103": 1})
    [capaian] = findings(name, "A101")
    assert (capaian.actual, capaian.expected) == (85.70, 87.50)
    [absorption] = findings(name, "A103")
    assert (absorption.actual, absorption.expected) == (27.81, 21.81)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_kominfo_shows_exactly_its_two_defects(fmt: str) -> None:
    name = f"dinas-kominfo-tw3-2023.{fmt}"
    assert Counter(f.code for f in serious(name)) == Counter({"A104": 1, "C201": 1})
    [total] = findings(name, "A104")
    assert (total.actual, total.expected) == (8639018200, 8639118200)


@pytest.mark.parametrize("name", SEED + ["senduro-tw2-2023-corrected.pdf"])
def test_docx_and_pdf_findings_agree(name: str) -> None:
    if not name.endswith(".docx"):
        name = name.replace(".pdf", ".docx")
    pdf = name.replace(".docx", ".pdf")

    def key(f: Finding) -> tuple:
        return tuple(str(v) for v in (f.code, f.location.table, f.location.column, f.actual, f.expected))

    assert sorted(map(key, result(name).findings)) == sorted(map(key, result(pdf).findings))
