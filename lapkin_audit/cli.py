"""Command line: `lapkin-audit check|extract|rules|rule`.

Heavy modules (pdfplumber, python-docx, rich, the model) are imported inside the commands so
that `lapkin-audit --version` stays nearly free.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from lapkin_audit import __version__

MIB = 1024 * 1024


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


FORMATS = ["text", "json", "sarif", "github", "csv", "xlsx", "html"]


def _audit_options(command: Any) -> Any:
    """The options `check` and `annotate` share: configuration, rule selection, regulation
    pack, reception date and the reader's limits."""
    options = [
        click.option("--config", "config_file", default=None,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Use this configuration file for every path (no discovery)."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--pack", "pack_name", default=None,
                     help="Regulation pack: a name (default, kab-lumajang) or a folder. "
                          "Default: the config's pack, else the pack matching the report's "
                          "region, else 'default'."),
        click.option("--submitted", default=None, metavar="YYYY-MM-DD",
                     help="Date the report was received: judge lateness (D401) by it."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Rules to run: codes, prefixes (A1, D), names or families; "
                          "comma-separated. Replaces the config's select."),
        click.option("--extend-select", multiple=True, metavar="RULES",
                     help="Rules to run in addition to the selection."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Rules to skip (as --select), added to the config's ignore."),
        click.option("--min-severity", type=click.Choice(["error", "warning", "info"]),
                     default=None, help="Report only findings at or above this severity."),
        click.option("--password", default=None, help="Password of encrypted PDFs."),
        click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="MIB",
                     help="Refuse files larger than this many MiB (default 100)."),
        click.option("--max-pages", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Refuse PDFs with more pages than this (default 1000)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@_audit_options
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text (default), json, sarif, github (default under GITHUB_ACTIONS=true), "
                   "csv, xlsx or html.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the report to FILE (atomically) instead of standard "
                                 "output; required for xlsx.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of messages (default: config, then LANG when English, else "
                   "Indonesian).")
@click.option("--submitted-dates", type=click.Path(exists=True, dir_okay=False,
                                                   path_type=Path), default=None,
              help="CSV of (path or file name, date received); overrides --submitted per file.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default=None, help="Exit 1 when a shown finding is at or above this severity "
                                 "(default: config, else error).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: CPU count; 1 runs in this process).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Seconds one file may take before it is reported as an error (0: no limit).")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Hide the findings this baseline file accepts.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write every current finding to FILE as the new baseline.")
def check(paths: tuple[Path, ...], fmt: str | None, output: Path | None, lang: str | None,
          config_file: Path | None, isolated: bool, pack_name: str | None,
          submitted: str | None, submitted_dates: Path | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str | None,
          fail_on: str | None, password: str | None, max_size: int | None,
          max_pages: int | None, jobs: int | None, timeout: float,
          baseline: Path | None, write_baseline: Path | None) -> None:
    """Audit PATHS (PDF or DOCX files, or folders of them) and report every finding.

    Exit code: 0 nothing at or above --fail-on; 1 such findings; 2 a file could not be
    audited, a rule failed, or a usage or configuration error.
    """
    from lapkin_audit.batch import Job, run_jobs
    from lapkin_audit.check import exit_code, parse_submitted, walk
    from lapkin_audit.config import ConfigError, Resolver
    from lapkin_audit.engine import SelectionError, select_rules
    from lapkin_audit.output import (
        OutputError,
        SubmittedDates,
        apply_baseline,
        load_baseline,
        refuse_inputs,
        save_baseline,
    )
    from lapkin_audit.packs import PackError, load_pack
    from lapkin_audit.rules.registry import Context

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt == "xlsx" and output is None:
        _usage_error("--format xlsx writes a workbook: give --output FILE.xlsx")
    try:
        resolver = Resolver(config_file, isolated)
        run_config = resolver.for_path(paths[0])
        files, problems = walk(paths)
        refuse_inputs([("--output", output), ("--write-baseline", write_baseline)], files)
        received = parse_submitted(submitted)
        dates = SubmittedDates.load(submitted_dates) if submitted_dates else None
        accepted = load_baseline(baseline) if baseline else None
        cli_pack = load_pack(pack_name) if pack_name else None
        cli_select, cli_extend = _selectors(select), _selectors(extend_select) or []
        cli_ignore = _selectors(ignore) or []
        select_rules(cli_select, cli_ignore)
        select_rules(cli_extend or None)
        job_list = []
        for file in files:
            config = resolver.for_path(file)
            settings = config.settings
            options = _file_options(config, file, select=cli_select, extend=cli_extend,
                                    ignore=cli_ignore, min_severity=min_severity,
                                    password=password, max_size=max_size, max_pages=max_pages)
            pack = _file_pack(config, cli_pack)
            when = (dates.get(file) if dates else None) or received
            ctx = Context(pack=pack, lang=lang or settings.lang or resolve_lang(None),
                          submitted=when, options={"polarity": dict(settings.polarity)})
            job_list.append(Job(file, ctx, options))
    except (ConfigError, OutputError, PackError, SelectionError, ValueError) as exc:
        _usage_error(str(exc))
    lang = lang or run_config.settings.lang or resolve_lang(None)
    fail_on = fail_on or run_config.settings.fail_on or "error"
    workers = jobs or os.cpu_count() or 1
    results = _run_with_progress(job_list, workers, timeout or None, run_jobs) + problems
    try:
        if write_baseline:
            count = save_baseline(write_baseline, results)
            click.echo(f"lapkin-audit: wrote {count} findings to {write_baseline}", err=True)
        if accepted is not None:
            apply_baseline(results, accepted)
        _write(results, fmt, lang, output)
    except OSError as exc:
        _usage_error(f"cannot write {exc.filename or output}: {exc.strerror or exc}")
    sys.exit(exit_code(results, fail_on))


def _run_with_progress(jobs: list, workers: int, timeout: float | None, run_jobs) -> list:
    """A rich progress bar on standard error when it is a terminal and the batch is large."""
    if len(jobs) <= 3 or not sys.stderr.isatty():
        return run_jobs(jobs, workers, timeout)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("lapkin-audit", total=len(jobs))
        return run_jobs(jobs, workers, timeout,
                        on_done=lambda result: progress.advance(task))


def render_results(results: list, fmt: str, lang: str) -> str | bytes:
    if fmt == "json":
        from lapkin_audit.report.json import render

        return render(results, lang=lang) + "\n"
    if fmt == "sarif":
        from lapkin_audit.report.sarif import render

        return render(results, lang=lang) + "\n"
    if fmt == "github":
        from lapkin_audit.report.github import render, write_step_summary

        write_step_summary(results, lang=lang)
        return render(results, lang=lang) + "\n"
    if fmt == "csv":
        from lapkin_audit.report.table import render_csv

        return render_csv(results, lang=lang)
    if fmt == "xlsx":
        from lapkin_audit.report.table import render_xlsx

        return render_xlsx(results, lang=lang)
    if fmt == "html":
        from lapkin_audit.report.html import render

        return render(results, lang=lang)
    import io

    from lapkin_audit.report.text import render as render_text

    buffer = io.StringIO()
    render_text(results, lang=lang, file=buffer, color=False)
    return buffer.getvalue()


def _write(results: list, fmt: str, lang: str, output: Path | None) -> None:
    if output is not None:
        from lapkin_audit.output import atomic_write

        atomic_write(output, render_results(results, fmt, lang))
        return
    if fmt == "text":  # rich decides on colour: a terminal and no NO_COLOR
        from lapkin_audit.report.text import render as render_text

        render_text(results, lang=lang, file=sys.stdout)
        return
    text = render_results(results, fmt, lang)
    click.echo(text, nl=False)


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
    Console(file=sys.stdout, highlight=False, width=_width()).print(table)


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
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text, nl=False)


# --------------------------------------------------------------------------------------------
# annotate (issue 7)



def _file_options(config: Any, file: Path, *, select: list[str] | None, extend: list[str],
                  ignore: list[str], min_severity: str | None, password: str | None,
                  max_size: int | None = None, max_pages: int | None = None) -> Any:
    """The CheckOptions for one file: its configuration, then the command line on top."""
    from lapkin_audit.check import CheckOptions
    from lapkin_audit.model import Severity

    settings = config.settings
    chosen = select if select is not None else config.selected()
    if extend:
        chosen = (chosen or ["ALL"]) + extend
    floor = min_severity or settings.min_severity
    return CheckOptions(select=chosen, ignore=config.ignores_for(file) + ignore,
                        min_severity=Severity(floor) if floor else None,
                        password=password, severity=dict(settings.severity),
                        tolerances=dict(settings.tolerances),
                        max_bytes=max_size * MIB if max_size else None, max_pages=max_pages)


def _file_pack(config: Any, cli_pack: Any) -> Any:
    """--pack, else the configuration's pack, else None (the report's region decides)."""
    from lapkin_audit.packs import load_pack

    return cli_pack or (load_pack(config.pack_ref()) if config.settings.pack else None)


@main.command()
@_audit_options
@click.argument("report_path", metavar="REPORT",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Annotated copy to write. Default: REPORT's name with .reviewed before "
                   "the extension, beside it.")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of the notes (default: config, then LANG when English, else "
                   "Indonesian).")
def annotate(report_path: Path, output: Path | None, force: bool, lang: str | None,
             config_file: Path | None, isolated: bool, pack_name: str | None,
             submitted: str | None, select: tuple[str, ...], extend_select: tuple[str, ...],
             ignore: tuple[str, ...], min_severity: str | None, password: str | None,
             max_size: int | None, max_pages: int | None) -> None:
    """Write a copy of REPORT (PDF or DOCX) with every finding marked where it belongs.

    DOCX: a Word comment on the cell or paragraph. PDF: a highlight with a popup note (a note
    at the top of the page when the finding has no place on it). The original is not changed.
    Rules, severities and configuration files work as for `check`.

    Exit code: 0 copy written, nothing at or above the config's fail-on (default error);
    1 copy written with such findings; 2 nothing written (the report cannot be audited, a
    rule failed, the output exists without --force, or a usage or configuration error).
    """
    from lapkin_audit.annotate import OutputError, annotate_report, check_output, default_output
    from lapkin_audit.check import check_file, exit_code, parse_submitted
    from lapkin_audit.config import ConfigError, Resolver
    from lapkin_audit.engine import INTERNAL_ERROR, SelectionError, select_rules
    from lapkin_audit.packs import PackError, load_pack
    from lapkin_audit.rules.registry import Context

    output = output or default_output(report_path)
    try:
        check_output(report_path, output, force)
        config = Resolver(config_file, isolated).for_path(report_path)
        settings = config.settings
        cli_select, cli_extend = _selectors(select), _selectors(extend_select) or []
        cli_ignore = _selectors(ignore) or []
        select_rules(cli_select, cli_ignore)
        select_rules(cli_extend or None)
        options = _file_options(config, report_path, select=cli_select, extend=cli_extend,
                                ignore=cli_ignore, min_severity=min_severity,
                                password=password, max_size=max_size, max_pages=max_pages)
        pack = _file_pack(config, load_pack(pack_name) if pack_name else None)
        lang = lang or settings.lang or resolve_lang(None)
        ctx = Context(pack=pack, lang=lang, submitted=parse_submitted(submitted),
                      options={"polarity": dict(settings.polarity)})
    except (OutputError, ConfigError, PackError, SelectionError, ValueError) as exc:
        _usage_error(str(exc))
    result = check_file(report_path, ctx, options)
    nothing = "Tidak ada berkas yang ditulis." if lang == "id" else "Nothing was written."
    if result.status == "error":
        message = result.error_message.get(lang) if result.error_message else ""
        _usage_error(f"{report_path}: {result.error_code}: {message} {nothing}")
    failed = [f for f in result.findings if f.code == INTERNAL_ERROR]
    if failed:  # an incomplete audit would send the author an incomplete list of mistakes
        hint = (" Lewati aturan itu dengan --ignore KODE untuk tetap membuat salinan."
                if lang == "id" else " Skip that rule with --ignore CODE to annotate anyway.")
        _usage_error(f"{report_path}: {failed[0].message.get(lang)}{hint} {nothing}")
    try:
        count = annotate_report(report_path, result.report, result.findings, output,
                                lang=lang, password=password, force=force)
    except OutputError as exc:
        _usage_error(str(exc))
    except Exception as exc:  # noqa: BLE001 - a library failing on this file: say so, exit 2
        reason = f"{type(exc).__name__}: {exc}"
        _usage_error(f"{output}: " + (f"salinan bertanda tidak dapat ditulis ({reason}). "
                                      if lang == "id" else
                                      f"the annotated copy could not be written ({reason}). ")
                     + nothing)
    if lang == "id":
        click.echo(f"{output}: {count} temuan ditandai (paket {result.pack}).")
    else:
        click.echo(f"{output}: {count} findings marked (pack {result.pack}).")
    sys.exit(exit_code([result], settings.fail_on or "error"))
