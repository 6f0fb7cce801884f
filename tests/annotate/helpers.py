"""Shared helpers: audit a sample once, read comments and annotations back."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import docx
from docx.oxml.ns import qn

from lapkin_audit.check import CheckOptions, FileResult, check_file
from lapkin_audit.rules.registry import Context

SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"
SEED_DOCX = SAMPLES / "senduro-tw2-2023.docx"
SEED_PDF = SAMPLES / "senduro-tw2-2023.pdf"


@cache
def audited(path: Path, lang: str = "id") -> FileResult:
    result = check_file(path, Context(pack=None, lang=lang), CheckOptions())
    assert result.status == "audited", result.error_message
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchored_texts(document: docx.document.Document) -> dict[int, str]:
    """Comment id → the text between its range start and end, in document order."""
    active: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            active[int(element.get(qn("w:id")))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            cid = int(element.get(qn("w:id")))
            texts[cid] = "".join(active.pop(cid))
        elif element.tag == qn("w:t"):
            for parts in active.values():
                parts.append(element.text or "")
    return texts


def range_start(document: docx.document.Document, comment_id: int):
    [start] = [e for e in document.element.body.iter(qn("w:commentRangeStart"))
               if int(e.get(qn("w:id"))) == comment_id]
    return start


def squash(text: str) -> str:
    return "".join(text.split())
