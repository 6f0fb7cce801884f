"""GitHub Actions workflow-command annotations (``--format github``; the default under
``GITHUB_ACTIONS=true``).

One ``::group::`` per file, the most severe findings first (GitHub keeps at most 10 of each
level per step)::

    ::error file=reports/x.pdf,title=A101 (hlm. 7%2C Tabel 2.2)::Capaian tertulis 170%25 …

``info`` maps to ``notice``. Messages escape ``%``, CR and LF; property values also ``:`` and
``,`` (as ``actions/toolkit`` does). When ``GITHUB_STEP_SUMMARY`` names a file, a Markdown
table per file is appended to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from lapkin_audit.check import FileResult
from lapkin_audit.model import Severity
from lapkin_audit.report.text import place

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _file(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def annotation(level: str, file: str, title: str, message: str) -> str:
    props = f"file={escape_property(file)},line=1,title={escape_property(title)}"
    return f"::{level} {props}::{escape_data(message)}"


def render(results: list[FileResult], *, lang: str = "id") -> str:
    lines: list[str] = []
    for result in results:
        file = _file(result.path)
        lines.append(f"::group::{escape_data(file)}")
        if result.error_code:
            message = result.error_message.get(lang) if result.error_message else ""
            lines.append(annotation("error", file, result.error_code, message))
        ordered = sorted(result.findings, key=lambda f: -f.severity.rank)
        for finding in ordered:
            where = place(finding.location, lang)
            title = f"{finding.code} {finding.name}" + (f" ({where})" if where else "")
            lines.append(annotation(COMMAND[finding.severity], file, title,
                                    finding.message.get(lang)))
        lines.append("::endgroup::")
    return "\n".join(lines)


def step_summary(results: list[FileResult], *, lang: str = "id") -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: a table per file."""
    out = ["## lapkin-audit", ""]
    for result in results:
        out.append(f"### {_file(result.path)}")
        out.append("")
        if result.error_code:
            message = result.error_message.get(lang) if result.error_message else ""
            out += [f"**{result.error_code}**: {message}", ""]
            continue
        if not result.findings:
            out += ["No findings." if lang == "en" else "Tidak ada temuan.", ""]
            continue
        out += ["| code | severity | place | message |", "|---|---|---|---|"]
        for f in result.findings:
            cells = [f.code, f.severity.value, place(f.location, lang), f.message.get(lang)]
            out.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ")
                                         for c in cells) + " |")
        out.append("")
    return "\n".join(out) + "\n"


def write_step_summary(results: list[FileResult], *, lang: str = "id") -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(step_summary(results, lang=lang))
