"""`lapkin-audit annotate`: a copy of the report with every finding attached where it belongs.

DOCX findings become Word comments on the runs of their cell or paragraph (:mod:`.docx`); PDF
findings become highlight annotations over their bbox, with the text as a popup note
(:mod:`.pdf`). The original is only ever read: the copy is written to a temporary file in the
output's folder and moved into place (``os.link`` when the output must not be replaced, so
two runs never clobber each other; ``os.replace`` with ``--force``).

Both writers take the report the audit was made from (same file, same reader) and its
findings, and return the number of annotations written (one per finding).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from lapkin_audit.model import Finding, Report

AUTHOR = "lapkin-audit"
INITIALS = "LA"

_SEVERITY = {
    "id": {"error": "kesalahan", "warning": "peringatan", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_LABELS = {
    "id": {"written": "Tertulis", "expected": "Seharusnya", "where": "Letak",
           "table": "{table}", "row": "baris {row}", "column": "kolom {column}",
           "page": "hlm. {page}", "paragraph": "paragraf {paragraph}"},
    "en": {"written": "Written", "expected": "Expected", "where": "Where",
           "table": "{table}", "row": "row {row}", "column": "column {column}",
           "page": "p. {page}", "paragraph": "paragraph {paragraph}"},
}
# Characters XML 1.0 (DOCX) cannot hold; PDF text strings take them but viewers show garbage.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OutputError(Exception):
    """The output cannot be written as asked (exists without --force, same as the input…)."""


def default_output(source: Path) -> Path:
    """``laporan.docx`` → ``laporan.reviewed.docx`` beside it."""
    return source.with_name(f"{source.stem}.reviewed{source.suffix}")


def check_output(source: Path, output: Path, force: bool) -> None:
    """Refuse an output that is the input itself, or that exists when ``force`` is not set."""
    if output.resolve() == source.resolve() or (
        output.exists() and source.exists() and os.path.samefile(output, source)
    ):
        raise OutputError(f"{output}: the output would overwrite the report itself; "
                          "choose another name with -o")
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name with -o")
    if output.exists() and not force:
        raise OutputError(f"{output} already exists; use --force to replace it")
    if not output.parent.is_dir():
        raise OutputError(f"{output.parent}: no such folder")


def where(finding: Finding, lang: str) -> str:
    """The finding's place in the user's terms: ``Tabel 2.2, baris 3, kolom Capaian``."""
    loc, labels = finding.location, _LABELS[lang]
    parts = []
    if loc.table:
        parts.append(loc.table)
        if loc.row is not None:
            parts.append(labels["row"].format(row=loc.row))
        if loc.column:
            parts.append(labels["column"].format(column=loc.column))
    elif loc.page is not None:
        parts.append(labels["page"].format(page=loc.page))
    return ", ".join(parts)


def note_text(finding: Finding, lang: str, *, with_place: bool = False) -> str:
    """What a comment or note says: code, name, severity; message; value written and expected.

    ``with_place`` adds where the finding points, for a note that could not be put there.
    """
    lines = [f"{finding.code} {finding.name} ({_SEVERITY[lang][finding.severity.value]})",
             finding.message.get(lang)]
    labels = _LABELS[lang]
    values = []
    # printed forms only: a count behind a message ("4 rows empty") is not a value written
    written, expected = finding.actual_text, finding.expected_text
    if written is not None:
        values.append(f"{labels['written']}: {written}")
    if expected is not None:
        values.append(f"{labels['expected']}: {expected}")
    if values:
        lines.append(" · ".join(values))
    place = where(finding, lang) if with_place else ""
    if place:
        lines.append(f"{labels['where']}: {place}")
    return _NOT_XML.sub("", "\n".join(lines))


def write_atomic(output: Path, write: Callable[[BinaryIO], None], *, force: bool) -> None:
    """Write through a temporary file in the output's folder, then move it into place.

    Without ``force`` the move is ``os.link`` (fails if the output appeared meanwhile); with
    ``force`` it is ``os.replace``. The temporary file never survives a failure.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        if force:
            os.replace(tmp, output)
        else:
            try:
                os.link(tmp, output)
            except FileExistsError:
                raise OutputError(f"{output} already exists; use --force to replace it") from None
            except OSError:  # a file system without hard links: check, then move
                if output.exists():
                    raise OutputError(
                        f"{output} already exists; use --force to replace it") from None
                os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def annotate_report(source: Path, report: Report, findings: list[Finding], output: Path, *,
                    lang: str = "id", password: str | None = None,
                    force: bool = False) -> int:
    """Write the annotated copy of ``source`` to ``output``; the number of annotations."""
    check_output(source, output, force)
    if report.source.format == "docx":
        from lapkin_audit.annotate.docx import annotate_docx as annotate
    else:
        from lapkin_audit.annotate.pdf import annotate_pdf as annotate
    writer = annotate(source, report, findings, lang=lang, password=password)
    write_atomic(output, writer.save, force=force)
    return writer.count
