"""File-level codes (E0xx): registered for the catalogue and the docs, raised elsewhere.

E001–E005 are raised by the reader as :class:`lapkin_audit.errors.FileError` (a file that
cannot be audited is a result with its code, not a crash); E000 is produced by the engine
when a rule module fails. Their ``check`` yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from lapkin_audit.errors import FILE_ERRORS
from lapkin_audit.model import Finding, Message, Report, Severity
from lapkin_audit.rules.registry import Context, Rule, register


class FileRule(Rule):
    family = "files"
    default_severity = Severity.ERROR

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        return iter(())


def _template(code: str) -> Message:
    return FILE_ERRORS[code][1]


@register
class InternalError(FileRule):
    """A rule module failed while auditing this file: the audit is incomplete.

    ## What it checks
    Nothing in the document: the engine reports it when a rule module raises an exception.
    The other rules still run and their findings are reported.

    ## Why it matters
    A report with no finding from a broken rule is not a clean report. ``lapkin-audit check``
    exits with code 2 when this finding is present, so a batch run never passes silently.

    ## Example (fails)
    Rule D401 raises ``KeyError: 'quarterly'`` because a custom regulation pack has no
    ``quarterly`` deadline: ``E000 Aturan D401 late-report gagal dijalankan: KeyError …``.

    ## Example (passes)
    Every selected rule runs to the end.
    """

    code = "E000"
    name = "internal-error"
    template = Message(
        id="Aturan {rule} gagal dijalankan ({error}); pemeriksaan berkas ini tidak lengkap. "
        "Laporkan masalah ini kepada pengelola lapkin-audit.",
        en="Rule {rule} failed ({error}); the audit of this file is incomplete. "
        "Please report this to the lapkin-audit maintainers.",
    )


@register
class Unreadable(FileRule):
    """The file is corrupt or cannot be read as a PDF or DOCX.

    ## What it checks
    The reader could open the file and parse its container (PDF objects, the DOCX zip).

    ## Why it matters
    Nothing in an unreadable file can be audited; the sender must re-save or re-export it.
    Other files of a batch are still audited.

    ## Example (fails)
    A DOCX truncated in transfer (``BadZipFile``), a PDF whose cross-reference table is broken.

    ## Example (passes)
    A file saved normally from Word, LibreOffice or a PDF printer.
    """

    code = "E001"
    name = FILE_ERRORS[code][0]
    template = _template(code)


@register
class Encrypted(FileRule):
    """The PDF is password-protected and no (or a wrong) ``--password`` was given.

    ## What it checks
    Whether the PDF can be decrypted with an empty password or the one given.

    ## Why it matters
    An encrypted PDF cannot be read. Run again with ``--password``, or ask for an unprotected
    file.

    ## Example (fails)
    A PDF exported with "Require a password to open the document".

    ## Example (passes)
    The same PDF checked with ``--password KATA_SANDI``, or a PDF restricted only from
    editing (owner password): it opens without a password.
    """

    code = "E002"
    name = FILE_ERRORS[code][0]
    template = _template(code)


@register
class NoTextLayer(FileRule):
    """The PDF has no text layer: it is a scan or a photo of the pages.

    ## What it checks
    Whether the pages carry extractable text.

    ## Why it matters
    Numbers in an image cannot be checked. Run OCR first (``ocrmypdf -l ind in.pdf out.pdf``)
    and audit the result, reading any finding against the scan.

    ## Example (fails)
    A signed report scanned back to PDF.

    ## Example (passes)
    A PDF exported from Word, or a scan after OCR.
    """

    code = "E003"
    name = FILE_ERRORS[code][0]
    template = _template(code)


@register
class NotAReport(FileRule):
    """The file reads, but holds no performance-report content.

    ## What it checks
    That the document has at least one recognised table (capaian, Perjanjian Kinerja, budget,
    cost per outcome) or a reporting period.

    ## Why it matters
    Auditing a letter, an invitation or a blank template would produce nothing but noise; the
    wrong file was probably sent.

    ## Example (fails)
    A cover letter (``surat pengantar``) sent instead of the report.

    ## Example (passes)
    A Laporan Kinerja Triwulan with its capaian table.
    """

    code = "E004"
    name = FILE_ERRORS[code][0]
    template = _template(code)


@register
class UnsupportedFormat(FileRule):
    """The file is neither a PDF nor a DOCX.

    ## What it checks
    The file's content (sniffed, not its extension) is PDF or DOCX.

    ## Why it matters
    Reports in other formats (legacy ``.doc``, spreadsheets, images) cannot be read; ask for a
    PDF or DOCX.

    ## Example (fails)
    ``laporan.doc`` saved in Word 97–2003 format, or ``laporan.xlsx``.

    ## Example (passes)
    ``laporan.docx`` or ``laporan.pdf``.
    """

    code = "E005"
    name = FILE_ERRORS[code][0]
    template = _template(code)
