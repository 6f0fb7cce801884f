"""Configuration through the CLI: discovery, precedence, every key, errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lapkin_audit import check as check_module
from lapkin_audit.config import ConfigError, Resolver, find_config_file, load_config
from tests import test_cli
from tests.test_cli import _json, run

fake_reader = test_cli.fake_reader  # autouse: the reader replaced by model fixtures


def _doc(root: Path, relative: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def _codes(data: dict) -> list[list[str]]:
    return [[f["code"] for f in entry["findings"]] for entry in data["files"]]


def test_pyproject_found_two_folders_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.lapkin-audit]\nignore = ["D402"]\n')
    doc = _doc(tmp_path, "unit/2023/lastday.docx")
    assert find_config_file(doc) == tmp_path / "pyproject.toml"
    data, code = _json("check", str(doc))
    assert _codes(data) == [[]] and code == 0
    data, _ = _json("check", str(doc), "--isolated")
    assert _codes(data) == [["D402"]]


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text('ignore = ["D402"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    doc = _doc(tmp_path, "sub/lastday.docx")
    assert find_config_file(doc) == tmp_path / "lapkin-audit.toml"


def test_precedence_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lapkin-audit]\nlang = "en"\n')
    (tmp_path / "lapkin-audit.toml").write_text('lang = "en"\n')
    (tmp_path / ".lapkin-audit.toml").write_text('lang = "id"\n')
    assert find_config_file(tmp_path / "x.docx") == tmp_path / ".lapkin-audit.toml"
    (tmp_path / ".lapkin-audit.toml").unlink()
    assert find_config_file(tmp_path / "x.docx") == tmp_path / "lapkin-audit.toml"


def test_nearest_config_per_file(tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text('ignore = ["D402"]\n')
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / "lapkin-audit.toml").write_text('select = ["D"]\n')
    relaxed = _doc(tmp_path, "a/lastday.docx")
    strict = _doc(tmp_path, "strict/lastday.docx")
    data, _ = _json("check", str(relaxed), str(strict))
    assert _codes(data) == [[], ["D402"]]


def test_per_file_ignores_by_glob(tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text(
        '[per-file-ignores]\n"arsip/*.docx" = ["D402"]\n"*/lastday.docx" = "I5"\n')
    archived = _doc(tmp_path, "arsip/lastday.docx")
    current = _doc(tmp_path, "baru/lastday.docx")
    data, _ = _json("check", str(tmp_path))
    by_name = {Path(e["path"]).parent.name: [f["code"] for f in e["findings"]]
               for e in data["files"]}
    assert by_name == {"arsip": [], "baru": ["D402"]}
    assert archived.exists() and current.exists()


def test_select_extend_select_and_cli_override(tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text('select = ["I5"]\nextend-select = ["D402"]\n')
    doc = _doc(tmp_path, "lastday.docx")
    data, _ = _json("check", str(doc))
    assert _codes(data) == [["D402"]]
    (tmp_path / "lapkin-audit.toml").write_text('select = ["I5"]\n')
    data, _ = _json("check", str(doc))
    assert _codes(data) == [[]]
    data, _ = _json("check", str(doc), "--extend-select", "dates")
    assert _codes(data) == [["D402"]]
    data, _ = _json("check", str(doc), "--select", "D4")  # the CLI's select replaces
    assert _codes(data) == [["D402"]]
    data, _ = _json("check", str(doc), "--select", "D4", "--ignore", "early-signature")
    assert _codes(data) == [[]]


def test_ignore_by_name_family_and_prefix(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "lastday.docx")
    for selector in ("D402", "D4", "D", "dates"):
        (tmp_path / "lapkin-audit.toml").write_text(f'ignore = ["{selector}"]\n')
        data, _ = _json("check", str(doc))
        assert _codes(data) == [[]], selector


def test_severity_override(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "lastday.docx")
    assert run("check", str(doc)).exit_code == 0  # D402 info
    (tmp_path / "lapkin-audit.toml").write_text('[severity]\nD402 = "error"\n')
    data, code = _json("check", str(doc))
    assert code == 1 and data["files"][0]["findings"][0]["severity"] == "error"
    # the most specific selector wins
    (tmp_path / "lapkin-audit.toml").write_text(
        '[severity]\ndates = "error"\nearly-signature = "warning"\n')
    data, code = _json("check", str(doc))
    assert data["files"][0]["findings"][0]["severity"] == "warning" and code == 0
    # min-severity judges the overridden severity
    data, _ = _json("check", str(doc), "--min-severity", "warning")
    assert _codes(data) == [["D402"]]


def test_fail_on_min_severity_and_lang_from_config_and_cli_wins(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "early.docx")  # one D402 warning
    assert run("check", str(doc)).exit_code == 0
    (tmp_path / "lapkin-audit.toml").write_text('fail-on = "warning"\nlang = "en"\n')
    result = run("check", str(doc))
    assert result.exit_code == 1 and "Summary:" in result.output
    assert run("check", str(doc), "--fail-on", "error").exit_code == 0
    assert "Ringkasan:" in run("check", str(doc), "--lang", "id").output
    (tmp_path / "lapkin-audit.toml").write_text('min-severity = "error"\nfail-on = "warning"\n')
    data, code = _json("check", str(doc))
    assert _codes(data) == [[]] and code == 0
    data, code = _json("check", str(doc), "--min-severity", "info")
    assert _codes(data) == [["D402"]] and code == 1


def test_lang_precedence_config_then_environment(tmp_path: Path, monkeypatch) -> None:
    doc = _doc(tmp_path, "clean.docx")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Summary:" in run("check", str(doc)).output
    (tmp_path / "lapkin-audit.toml").write_text('lang = "id"\n')
    assert "Ringkasan:" in run("check", str(doc)).output


def test_pack_by_name_and_by_folder_relative_to_the_config(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "reports/late.docx")
    assert run("check", str(doc)).exit_code == 0  # no config: the report's region → default
    (tmp_path / "lapkin-audit.toml").write_text('pack = "kab-lumajang"\n')
    data, code = _json("check", str(doc))
    assert code == 1 and data["files"][0]["pack"] == "kab-lumajang"
    pack = tmp_path / "packs" / "strict"
    pack.mkdir(parents=True)
    (pack / "deadlines.yaml").write_text(
        "quarterly: {working_days_after_quarter_end: 1, basis: test, status: unconfirmed}\n")
    (tmp_path / "lapkin-audit.toml").write_text('pack = "packs/strict"\n')
    data, code = _json("check", str(_doc(tmp_path, "reports/clean.docx")))
    assert code == 1 and _codes(data) == [["D401"]]
    # --pack on the command line wins over the configuration
    assert run("check", str(doc), "--pack", "default").exit_code == 0


def test_polarity_and_tolerances_reach_the_rules(tmp_path: Path, monkeypatch) -> None:
    seen = {}
    real_audit = check_module.audit

    def spy(report, ctx, **kwargs):
        from lapkin_audit.rules import calc

        seen["polarity"] = calc.polarity_overrides(ctx)
        seen["tolerances"] = calc.tolerances(ctx.pack)
        return real_audit(report, ctx, **kwargs)

    monkeypatch.setattr(check_module, "audit", spy)
    (tmp_path / "lapkin-audit.toml").write_text(
        '[polarity]\n"Angka kemiskinan" = "negative"\n\n'
        '[tolerances]\nrounding = { modes = ["half_up"] }\ntotals = { tolerance_units = 2 }\n')
    run("check", str(_doc(tmp_path, "clean.docx")), "--jobs", "1")
    assert seen["polarity"] == {"Angka kemiskinan": "negative"}
    assert seen["tolerances"].modes == ("half_up",)
    assert seen["tolerances"].totals.tolerance_units == 2
    # the rest of the pack's tolerances are kept
    assert seen["tolerances"].caps.values


@pytest.mark.parametrize("content, words", [
    ('fail-on = "fatal"\n', ["fail-on", "'fatal'", "'error', 'warning', 'info' or 'never'"]),
    ('colour = true\n', ["unknown key 'colour'", "allowed keys", "per-file-ignores"]),
    ('ignore = ["Z9"]\n', ["key 'ignore'", "'Z9' selects no rule", "a prefix (A1, D)"]),
    ('[severity]\nD402 = "fatal"\n', ["severity.D402", "'fatal'"]),
    ('[per-file-ignores]\n"*.pdf" = ["nope"]\n', ["per-file-ignores", "'nope'"]),
    ('pack = "no-such-pack"\n', ["key 'pack'", "available: default, kab-lumajang"]),
    ('lang = "fr"\n', ["key 'lang'", "'id' or 'en'"]),
    ('[tolerances]\ntotals = { tolerance_units = "many" }\n', ["tolerances.totals"]),
    ('select = [\n', ["not valid TOML"]),
])
def test_config_errors_name_file_key_and_allowed(tmp_path: Path, content: str,
                                                 words: list[str]) -> None:
    config = tmp_path / "lapkin-audit.toml"
    config.write_text(content)
    result = run("check", str(_doc(tmp_path, "clean.docx")))
    assert result.exit_code == 2
    assert str(config) in result.output
    for word in words:
        assert word in result.output, (word, result.output)


def test_config_error_in_pyproject_names_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lapkin-audit]\nmin-severity = "never"\n')
    result = run("check", str(_doc(tmp_path, "clean.docx")))
    assert result.exit_code == 2
    assert "pyproject.toml [tool.lapkin-audit]" in result.output and "min-severity" in result.output


def test_config_option_and_isolated(tmp_path: Path) -> None:
    special = tmp_path / "elsewhere" / "audit.toml"
    special.parent.mkdir()
    special.write_text('ignore = ["D402"]\n')
    (tmp_path / "lapkin-audit.toml").write_text('[severity]\nD402 = "error"\n')
    doc = _doc(tmp_path, "lastday.docx")
    assert run("check", str(doc)).exit_code == 1  # discovered: D402 as error
    data, code = _json("check", str(doc), "--config", str(special))
    assert code == 0 and _codes(data) == [[]]
    data, code = _json("check", str(doc), "--isolated")
    assert code == 0 and _codes(data) == [["D402"]]
    assert run("check", str(doc), "--config", str(tmp_path / "none.toml")).exit_code == 2


def test_comma_separated_strings_are_lists(tmp_path: Path) -> None:
    config = tmp_path / "lapkin-audit.toml"
    config.write_text('select = "D4, I5"\nignore = "D401,D403"\n')
    settings = load_config(config).settings
    assert settings.select == ["D4", "I5"] and settings.ignore == ["D401", "D403"]


def test_resolver_caches_and_reports_errors(tmp_path: Path) -> None:
    (tmp_path / "lapkin-audit.toml").write_text("lang = 3\n")
    with pytest.raises(ConfigError, match="lang"):
        Resolver().for_path(tmp_path / "x.docx")
    assert json.dumps  # keep the import used
