"""Files lapkin-audit writes and reads besides the reports: output files, baselines, the
inspectorate's list of dates received.

Every file is written atomically (a temporary file in the same folder, then ``os.replace``),
so an interrupted run leaves the old file or the new one, never half of one; and never over
a file being checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BASELINE_VERSION = 1


class OutputError(ValueError):
    """An output or input side file that cannot be used (a usage error: exit 2)."""


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def refuse_inputs(outputs: Iterable[tuple[str, Path | None]], inputs: Iterable[Path]) -> None:
    """OutputError when an output (``--output``, ``--write-baseline``) is one of the inputs."""
    checked = {_same_key(p) for p in inputs}
    for option, path in outputs:
        if path is not None and _same_key(path) in checked:
            raise OutputError(f"{option} {path}: that is one of the files being checked; "
                              "lapkin-audit never writes over a report")


def _same_key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


# --------------------------------------------------------------------------------------------
# Baselines: accepted findings, keyed on the file's name and the finding's fingerprint.


def baseline_document(results: list[Any]) -> dict[str, Any]:
    entries = [
        {"file": r.path.name, "code": f.code, "fingerprint": f.fingerprint}
        for r in results for f in r.findings
    ]
    return {"tool": "lapkin-audit", "version": BASELINE_VERSION, "findings": entries}


def save_baseline(path: Path, results: list[Any]) -> int:
    document = baseline_document(results)
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(document["findings"])


def load_baseline(path: Path) -> set[tuple[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        return {(str(e["file"]), str(e["fingerprint"])) for e in entries}
    except OSError as exc:
        raise OutputError(f"--baseline {path}: cannot read it ({exc.strerror or exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"--baseline {path}: not a lapkin-audit baseline ({exc}); write one "
                          "with --write-baseline") from None


def apply_baseline(results: list[Any], accepted: set[tuple[str, str]]) -> None:
    """Drop the findings the baseline accepts; count them in ``FileResult.baselined``."""
    for result in results:
        kept = [f for f in result.findings if (result.path.name, f.fingerprint) not in accepted]
        result.baselined = len(result.findings) - len(kept)
        result.findings = kept


# --------------------------------------------------------------------------------------------
# --submitted-dates: CSV of (path or file name, date received).

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def _parse_date(value: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


class SubmittedDates:
    """Dates received by path (as written, relative to the CSV's folder) or by file name."""

    def __init__(self, by_path: dict[str, dt.date], by_name: dict[str, dt.date]) -> None:
        self.by_path, self.by_name = by_path, by_name

    def get(self, path: Path) -> dt.date | None:
        return self.by_path.get(_same_key(path)) or self.by_name.get(path.name)

    @classmethod
    def load(cls, path: Path) -> SubmittedDates:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise OutputError(f"--submitted-dates {path}: cannot read it "
                              f"({exc.strerror or exc})") from None
        try:
            dialect: Any = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        by_path: dict[str, dt.date] = {}
        by_name: dict[str, dt.date] = {}
        for number, row in enumerate(csv.reader(text.splitlines(), dialect), start=1):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if len(cells) < 2:
                raise OutputError(f"--submitted-dates {path}, line {number}: expected two "
                                  "columns, a path or file name and the date received")
            date = _parse_date(cells[1])
            if date is None:
                if number == 1:  # a header row
                    continue
                raise OutputError(f"--submitted-dates {path}, line {number}: {cells[1]!r} is "
                                  "not a date; write YYYY-MM-DD (or DD-MM-YYYY)")
            name = cells[0]
            if "/" in name or "\\" in name:
                by_path[_same_key(path.parent / name)] = date
            else:
                by_name[name] = date
        return cls(by_path, by_name)
