"""Command line: `lapkin-audit check|extract|rules|rule`.

Heavy modules (pdfplumber, python-docx, rich, the model) are imported inside the commands so
that `lapkin-audit --version` stays nearly free.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
