"""Command line: `lapkin-audit check|extract|rules|rule`.

Heavy modules (pdfplumber, python-docx, rich, the model) are imported inside the commands so
that `lapkin-audit --version` stays nearly free.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from lapkin_audit import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lapkin-audit")
def main() -> None:
    """Audit Indonesian performance reports (Laporan Kinerja, LKjIP) in PDF or DOCX."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Rich tables for people, JSON for machines.")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of messages (default: Indonesian).")
def extract(file: Path, fmt: str, password: str | None, lang: str | None) -> None:
    """Read FILE and print the typed model: tables, views, period, signature."""
    from lapkin_audit.errors import FileError
    from lapkin_audit.parse.reader import read_report

    try:
        report = read_report(file, password=password)
    except FileError as exc:
        click.echo(f"{file}: {exc.code} {exc.name}: {exc.message(lang or 'id')}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2, exclude_none=True))
    else:
        from lapkin_audit.report.extract import print_report

        print_report(report)


# --------------------------------------------------------------------------------------------
# check / rules / rule


def resolve_lang(lang: str | None) -> str:
    """``--lang``, else ``LANG`` starting with ``en`` → English, else Indonesian."""
    if lang:
        return lang
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "id"


def _selectors(values: tuple[str, ...]) -> list[str] | None:
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return items or None


def _usage_error(message: str) -> NoReturn:
    click.echo(f"lapkin-audit: {message}", err=True)
    sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for people, JSON for machines.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of messages (default: LANG when English, else Indonesian).")
@click.option("--pack", "pack_name", default=None,
              help="Regulation pack: a name (default, kab-lumajang) or a folder. "
                   "Default: the pack matching the report's region, else 'default'.")
@click.option("--submitted", default=None, metavar="YYYY-MM-DD",
              help="Date the report was received: judge lateness (D401) by it.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Rules to run: codes, prefixes (A1, D), names or families; comma-separated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to skip (as --select).")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Show only findings at or above this severity.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True,
              help="Exit 1 when a shown finding is at or above this severity.")
@click.option("--password", default=None, help="Password of encrypted PDFs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Write the report to FILE instead of standard output.")
def check(paths: tuple[Path, ...], fmt: str, lang: str | None, pack_name: str | None,
          submitted: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          min_severity: str | None, fail_on: str, password: str | None,
          output: Path | None) -> None:
    """Audit PATHS (PDF or DOCX files, or folders of them) and report every finding.

    Exit code: 0 nothing at or above --fail-on; 1 such findings; 2 a file could not be
    audited, a rule failed, or a usage or configuration error.
    """
    from lapkin_audit.check import CheckOptions, check_paths, exit_code, parse_submitted
    from lapkin_audit.engine import SelectionError, select_rules
    from lapkin_audit.model import Severity
    from lapkin_audit.packs import PackError, load_pack
    from lapkin_audit.rules.registry import Context

    lang = resolve_lang(lang)
    try:
        pack = load_pack(pack_name) if pack_name else None
        received = parse_submitted(submitted)
        options = CheckOptions(select=_selectors(select), ignore=_selectors(ignore),
                               min_severity=Severity(min_severity) if min_severity else None,
                               password=password)
        select_rules(options.select, options.ignore)
    except (PackError, SelectionError, ValueError) as exc:
        _usage_error(str(exc))
    results = check_paths(paths, Context(pack=pack, lang=lang, submitted=received), options)
    _write(results, fmt, lang, output)
    sys.exit(exit_code(results, fail_on))


def _write(results: list, fmt: str, lang: str, output: Path | None) -> None:
    if fmt == "json":
        from lapkin_audit.report.json import render

        text = render(results, lang=lang)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    from lapkin_audit.report.text import render as render_text

    if output:
        with output.open("w", encoding="utf-8") as stream:
            render_text(results, lang=lang, file=stream, color=False)
    else:
        render_text(results, lang=lang, file=click.get_text_stream("stdout"))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_command(fmt: str) -> None:
    """List the rule catalogue: code, name, family, default severity."""
    from lapkin_audit.rules.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "family": r.family,
                                "severity": r.default_severity.value, "summary": r.summary()}
                               for r in rules], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("Code", "Name", "Family", "Severity", "Summary", box=None, pad_edge=False)
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.family, rule.default_severity.value,
                      rule.summary())
    Console(file=click.get_text_stream("stdout"), highlight=False, width=_width()).print(table)


def _width() -> int | None:
    """Console width for tables: rich's own on a terminal, wide enough not to wrap otherwise."""
    return None if sys.stdout.isatty() else 200


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print the documentation of rule CODE (a code like A101 or a name like late-report)."""
    from lapkin_audit.rules.registry import all_rules

    wanted = code.strip()
    match = [r for r in all_rules() if wanted.upper() == r.code or wanted.lower() == r.name]
    if not match:
        _usage_error(f"no rule {code!r}; `lapkin-audit rules` lists them")
    rule = match[0]
    text = (f"# {rule.code} {rule.name}\n\n"
            f"Family: {rule.family} · default severity: {rule.default_severity.value}"
            f"{' · regulation packs: ' + ', '.join(rule.packs) if rule.packs else ''}\n\n"
            f"{rule.doc()}\n")
    stdout = click.get_text_stream("stdout")
    if stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text, nl=False)
