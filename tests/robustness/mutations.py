"""Deterministic mutations of the sample reports, and a worker that reads them.

``mutation(seed, index)`` names one mutation (sample file, kind); ``mutate(seed, index)`` builds
its bytes. Both depend only on ``(seed, index)``, so a failure is reproduced with::

    python -m tests.robustness.mutations --seed 5 --start 417 --count 1 --keep /tmp/m

The worker (``main``) reads each mutated file with ``read_report`` under a per-file time
budget (``SIGALRM``) and prints one JSON line per mutation: ``{"index", "name", "outcome",
"seconds"}`` where outcome is ``"report"``, an E-code, ``"hang"`` or ``"crash: <traceback>"``.
It runs in a subprocess (see ``test_mutations.py``) so that a hang in C code or a dead
interpreter is caught by the parent's timeout.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*") if p.suffix in (".pdf", ".docx"))
PDF_SHARE = 0.4

# ------------------------------------------------------------------------------------------
# Byte-level mutations (both formats)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 5, 20, 100))):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 3, 10))):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def zero_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    length = rng.choice((16, 256, 4096))
    return data[:start] + b"\x00" * min(length, len(data) - start) + data[start + length:]


def delete_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.choice((1, 17, 300, 5000)):]


def duplicate_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.choice((10, 200, 3000))]
    at = rng.randrange(len(data))
    return data[:at] + chunk + data[at:]


BYTE_KINDS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate,
    "flip_bytes": flip_bytes,
    "flip_bits": flip_bits,
    "zero_range": zero_range,
    "delete_range": delete_range,
    "duplicate_range": duplicate_range,
}

# ------------------------------------------------------------------------------------------
# PDF structure


PDF_KEYWORDS = (b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b" obj",
                b"/Root", b"/Pages", b"/Kids", b"/Count", b"/Length", b"/Font", b"/Contents",
                b"/Parent", b"/MediaBox", b"/Resources", b"/Filter", b"/Type", b"%%EOF", b">>",
                b"<<", b"[", b"]")
NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
REFERENCE = re.compile(rb"\b(\d+) 0 R\b")
WEIRD_NUMBERS = (b"0", b"-1", b"99999999999999999999", b"1e308", b"3.4028235e38", b"-0.0",
                 b"2147483648", b"NaN", b"1.5.5", b"", b"(x)", b"/Name", b"null", b"<<>>")


def _pick(pattern: re.Pattern[bytes], data: bytes, rng: random.Random) -> re.Match[bytes] | None:
    matches = list(pattern.finditer(data))
    return rng.choice(matches) if matches else None


def pdf_number(data: bytes, rng: random.Random) -> bytes:
    """A number token (offsets, lengths, coordinates, counts, generation) made absurd."""
    out = data
    for _ in range(rng.choice((1, 1, 3))):
        match = _pick(NUMBER, out, rng)
        if match is None:
            break
        out = out[: match.start()] + rng.choice(WEIRD_NUMBERS) + out[match.end():]
    return out


def pdf_keyword(data: bytes, rng: random.Random) -> bytes:
    """One occurrence of a structural keyword deleted or replaced."""
    keyword = rng.choice(PDF_KEYWORDS)
    positions = [m.start() for m in re.finditer(re.escape(keyword), data)]
    if not positions:
        return data
    at = rng.choice(positions)
    replacement = rng.choice((b"", b"X" * len(keyword), b"/Null", keyword[: len(keyword) // 2]))
    return data[:at] + replacement + data[at + len(keyword):]


def pdf_reference(data: bytes, rng: random.Random) -> bytes:
    """An indirect reference pointed elsewhere: at itself, its holder, a missing or a random object."""
    match = _pick(REFERENCE, data, rng)
    if match is None:
        return data
    holders = [int(m.group(1)) for m in re.finditer(rb"(\d+) 0 obj", data[: match.start()])]
    targets = [b"99999", b"0", b"-3", match.group(1)]
    if holders:
        targets.append(str(holders[-1]).encode())  # the object holding it: a cycle
        targets.append(str(rng.choice(holders)).encode())
    return data[: match.start()] + rng.choice(targets) + b" 0 R" + data[match.end():]


def pdf_kids_cycle(data: bytes, rng: random.Random) -> bytes:
    """The page tree made recursive: /Kids of a Pages node lists the node itself."""
    for match in re.finditer(rb"(\d+) 0 obj\s*<<[^>]*?/Type\s*/Pages", data):
        number = match.group(1)
        kids = data.find(b"/Kids", match.end() - 40)
        bracket = data.find(b"[", kids)
        if kids < 0 or bracket < 0:
            continue
        return data[: bracket + 1] + number + b" 0 R " + data[bracket + 1:]
    return pdf_reference(data, rng)


def pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped, cut or replaced inside one (compressed) stream."""
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return flip_bytes(data, rng)
    start = rng.choice(starts)
    end = data.find(b"endstream", start)
    end = end if end > start else len(data)
    body = bytearray(data[start:end])
    if not body:
        return data
    choice = rng.randrange(3)
    if choice == 0:
        for _ in range(rng.choice((1, 5, 30))):
            body[rng.randrange(len(body))] = rng.randrange(256)
    elif choice == 1:
        body = body[: rng.randrange(len(body))]
    else:  # uncompressed content-stream garbage in place of the stream
        body = bytearray(rng.choice((b"BT /F1 1e99 Tf (x) Tj ET", b"q q q q Q", b"1 0 0 1 0 0 cm "
                                     * 50, b"/Im1 Do", b"[(a) -1e308 (b)] TJ", b"\x00" * 64)))
    return data[:start] + bytes(body) + data[end:]


PDF_KINDS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "pdf_number": pdf_number,
    "pdf_keyword": pdf_keyword,
    "pdf_reference": pdf_reference,
    "pdf_kids_cycle": pdf_kids_cycle,
    "pdf_stream": pdf_stream,
}

# ------------------------------------------------------------------------------------------
# DOCX structure (the zip and the XML inside)


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The package rebuilt with ``change(name, content)`` per member (``None`` drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def _members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def _xml_member(data: bytes, rng: random.Random) -> str:
    """Mostly word/document.xml, sometimes another XML part."""
    if rng.random() < 0.7:
        return "word/document.xml"
    return rng.choice([n for n in _members(data) if n.endswith((".xml", ".rels"))])


def _change_member(data: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    return _rezip(data, lambda n, content: edit(content) if n == name else content)


def zip_drop_entry(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice(_members(data) + ["word/document.xml", "[Content_Types].xml"])
    return _rezip(data, lambda n, content: None if n == name else content)


def zip_corrupt_entry(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice(_members(data))
    return _change_member(data, name, lambda content: flip_bytes(content, rng) if content else b"\x00")


def zip_corrupt_compressed(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one member's compressed data (CRC / inflate errors on read)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = rng.choice([i for i in archive.infolist() if i.compress_size])
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26: header + 28], "little")
    extra_len = int.from_bytes(data[header + 28: header + 30], "little")
    start = header + 30 + name_len + extra_len
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 16))):
        out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


def zip_header_field(data: bytes, rng: random.Random) -> bytes:
    """A size, offset, count or method field of the zip structure set to an absurd value."""
    out = bytearray(data)
    targets: list[tuple[int, int]] = []  # (offset, width)
    for match in re.finditer(rb"PK\x03\x04", data):
        s = match.start()
        targets += [(s + 8, 2), (s + 18, 4), (s + 22, 4), (s + 26, 2), (s + 28, 2)]
    for match in re.finditer(rb"PK\x01\x02", data):
        s = match.start()
        targets += [(s + 10, 2), (s + 20, 4), (s + 24, 4), (s + 28, 2), (s + 30, 2), (s + 42, 4)]
    for match in re.finditer(rb"PK\x05\x06", data):
        s = match.start()
        targets += [(s + 8, 2), (s + 10, 2), (s + 12, 4), (s + 16, 4), (s + 20, 2)]
    offset, width = rng.choice(targets)
    value = rng.choice((0, 1, 2**(8 * width) - 1, rng.randrange(2**(8 * width)), 99, 12, 14))
    out[offset: offset + width] = value.to_bytes(width, "little")
    return bytes(out)


def xml_cut(data: bytes, rng: random.Random) -> bytes:
    name = _xml_member(data, rng)
    return _change_member(data, name, lambda c: c[: rng.randrange(max(len(c), 1))])


CLOSING_TAG = re.compile(rb"</[\w:]+>")
OPENING_TAG = re.compile(rb"<[\w:]+[ >/]")


def xml_unbalanced(data: bytes, rng: random.Random) -> bytes:
    name = _xml_member(data, rng)

    def edit(content: bytes) -> bytes:
        choice = rng.randrange(4)
        tags = list((CLOSING_TAG if choice < 2 else OPENING_TAG).finditer(content))
        if not tags:
            return content + b"</w:p>"
        tag = rng.choice(tags)
        if choice == 0:  # a closing tag removed
            return content[: tag.start()] + content[tag.end():]
        if choice == 1:  # an extra closing tag
            return content[: tag.start()] + b"</w:tbl>" + content[tag.start():]
        if choice == 2:  # a stray opening tag
            return content[: tag.start()] + b"<w:tc>" + content[tag.start():]
        return content[: tag.start()] + b"<" + content[tag.start():]  # "<<w:p"

    return _change_member(data, name, edit)


BILLION_LAUGHS = b'<!DOCTYPE w:document [<!ENTITY l0 "ha">' + b"".join(
    b'<!ENTITY l%d "%s">' % (k, b"&l%d;" % (k - 1) * 10) for k in range(1, 10)
) + b"]>"
DOCTYPES = (
    BILLION_LAUGHS,
    b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
    b'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    b"<!DOCTYPE w:document [<!ENTITY",
    b"<!DOCTYPE",
    b'<!DOCTYPE w:document [<!ELEMENT w:document ANY><!ATTLIST w:p w:x CDATA "&#0;">]>',
)
ENTITY_REFERENCES = (b"&l9;", b"&x;", b"&p;", b"&undefined;", b"&#0;", b"&#xD800;", b"&")


def xml_doctype(data: bytes, rng: random.Random) -> bytes:
    name = _xml_member(data, rng)
    doctype = rng.choice(DOCTYPES)

    def edit(content: bytes) -> bytes:
        root = OPENING_TAG.search(content, content.find(b"?>") + 1 if b"?>" in content else 0)
        at = root.start() if root else 0
        out = content[:at] + doctype + content[at:]
        texts = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", out)]
        if texts and rng.random() < 0.8:
            pos = rng.choice(texts)
            out = out[:pos] + rng.choice(ENTITY_REFERENCES) + out[pos:]
        return out

    return _change_member(data, name, edit)


GARBAGE = (b"\x00", b"\x01\x02", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"]]>", b"<!--",
           b"<?xml version='1.0'?>", b"&#x0;", b"\"'", b"<w:p>" * 3)


def xml_garbage(data: bytes, rng: random.Random) -> bytes:
    name = _xml_member(data, rng)

    def edit(content: bytes) -> bytes:
        at = rng.randrange(max(len(content), 1))
        return content[:at] + rng.choice(GARBAGE) + content[at:]

    return _change_member(data, name, edit)


ATTRIBUTE = re.compile(rb'(w:(?:val|w|h|gridSpan|sz|left|right|hanging|firstLine|line|after|'
                       rb'before|ilvl|numId|type)=")([^"]*)(")')
WEIRD_VALUES = (b"2147483647", b"99999999999", b"-5", b"0", b"", b"abc", b"1.5", b"\xe2\x80\x8b",
                b"restart", b"continue", b"true", b"nil", b"1e9")


def xml_attribute(data: bytes, rng: random.Random) -> bytes:
    """An attribute value in document.xml (spans, sizes, merges, styles) made absurd."""

    def edit(content: bytes) -> bytes:
        matches = list(ATTRIBUTE.finditer(content))
        chosen = rng.sample(matches, min(len(matches), rng.choice((1, 3, 20))))
        for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
            content = content[: match.start(2)] + rng.choice(WEIRD_VALUES) + content[match.end(2):]
        return content

    members = _members(data)
    others = [m for m in ("word/numbering.xml", "word/styles.xml") if m in members]
    name = rng.choice(others) if others and rng.random() < 0.3 else "word/document.xml"
    return _change_member(data, name, edit)


SPAN_ELEMENTS = (b'<w:gridSpan w:val="%s"/>', b'<w:gridBefore w:val="%s"/>', b'<w:gridAfter w:val="%s"/>')


def xml_huge_span(data: bytes, rng: random.Random) -> bytes:
    """A table cell or row claiming an enormous span (a grid that cannot be expanded)."""
    value = rng.choice((b"2147483647", b"100000000", b"65536", b"5000"))
    element = rng.choice(SPAN_ELEMENTS) % value

    def edit(content: bytes) -> bytes:
        tag = b"<w:tcPr>" if b"gridSpan" in element else b"<w:trPr>"
        positions = [m.end() for m in re.finditer(re.escape(tag), content)]
        if not positions:
            anchor = b"<w:tc>" if b"gridSpan" in element else b"<w:tr>"
            positions = [m.end() for m in re.finditer(re.escape(anchor), content)]
            element_ = tag + element + tag.replace(b"<", b"</")
        else:
            element_ = element
        if not positions:
            return content
        at = rng.choice(positions)
        return content[:at] + element_ + content[at:]

    return _change_member(data, "word/document.xml", edit)


def xml_deep(data: bytes, rng: random.Random) -> bytes:
    """Deeply nested content: block controls, nested tables or plain elements."""
    depth = rng.choice((100, 300, 3000))
    wrap = rng.choice(((b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
                       (b"<w:tbl><w:tr><w:tc>", b"<w:p/></w:tc></w:tr></w:tbl>"),
                       (b"<w:ins>", b"</w:ins>")))

    def edit(content: bytes) -> bytes:
        body = content.find(b"<w:body>")
        if body < 0:
            return content
        at = body + len(b"<w:body>")
        return content[:at] + wrap[0] * depth + b"<w:p/>" + wrap[1] * depth + content[at:]

    return _change_member(data, "word/document.xml", edit)


def docx_content_type(data: bytes, rng: random.Random) -> bytes:
    """[Content_Types].xml or the relationships pointing somewhere else."""
    choice = rng.randrange(4)
    if choice == 0:
        return _change_member(data, "[Content_Types].xml", lambda c: c.replace(
            b"document.main+xml", b"document.macroEnabled.main+xml"))
    if choice == 1:
        return _change_member(data, "_rels/.rels", lambda c: c.replace(
            b"word/document.xml", rng.choice((b"word/missing.xml", b"../../etc/passwd",
                                               b"word/styles.xml", b""))))
    if choice == 2:
        return _change_member(data, "word/_rels/document.xml.rels", lambda c: re.sub(
            rb'Target="[^"]*"', rng.choice((b'Target="nope.xml"', b'Target="/"',
                                            b'Target="document.xml"')), c, count=rng.randrange(1, 4)))
    return _change_member(data, "[Content_Types].xml", lambda c: c.replace(
        b"ContentType=", b"X=", rng.randrange(1, 6)))


DOCX_KINDS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "zip_drop_entry": zip_drop_entry,
    "zip_corrupt_entry": zip_corrupt_entry,
    "zip_corrupt_compressed": zip_corrupt_compressed,
    "zip_header_field": zip_header_field,
    "xml_cut": xml_cut,
    "xml_unbalanced": xml_unbalanced,
    "xml_doctype": xml_doctype,
    "xml_garbage": xml_garbage,
    "xml_attribute": xml_attribute,
    "xml_huge_span": xml_huge_span,
    "xml_deep": xml_deep,
    "docx_content_type": docx_content_type,
}

# ------------------------------------------------------------------------------------------
# The mutation of (seed, index)


def _rng(seed: int, index: int) -> random.Random:
    return random.Random(f"lapkin-mutation:{seed}:{index}")


def mutation(seed: int, index: int) -> tuple[str, str, str]:
    """(sample name, kind, file name to write) of mutation ``index``."""
    rng = _rng(seed, index)
    # 40 % PDFs: a PDF that still opens costs ~0.5-1 s, a DOCX ~0.05 s; DOCX packages also
    # have more kinds of structure to damage
    pdfs = [name for name in SAMPLE_NAMES if name.endswith(".pdf")]
    docxs = [name for name in SAMPLE_NAMES if name.endswith(".docx")]
    sample = rng.choice(pdfs if rng.random() < PDF_SHARE else docxs)
    kinds = list(BYTE_KINDS) + list(PDF_KINDS if sample.endswith(".pdf") else DOCX_KINDS) * 2
    kind = rng.choice(kinds)
    suffix = rng.choice((Path(sample).suffix,) * 3 + (".pdf", ".docx"))  # sometimes misnamed
    return sample, kind, f"m{index}{suffix}"


@cache
def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def mutate(seed: int, index: int) -> tuple[str, bytes]:
    sample, kind, filename = mutation(seed, index)
    rng = _rng(seed, index)
    rng.random()  # decouple from the choices made in mutation()
    kinds = {**BYTE_KINDS, **PDF_KINDS, **DOCX_KINDS}
    return filename, kinds[kind](sample_bytes(sample), rng)


def describe(seed: int, index: int) -> str:
    sample, kind, filename = mutation(seed, index)
    return f"#{index} {kind} of {sample} as {filename}"


# ------------------------------------------------------------------------------------------
# Worker


class Budget(BaseException):
    """Raised by SIGALRM; a BaseException so that no reader's ``except Exception`` hides it."""


def _alarm(signum: int, frame: object) -> None:
    raise Budget


def read_one(path: Path, budget: float) -> str:
    from lapkin_audit.errors import FileError
    from lapkin_audit.parse.reader import read_report

    before = hashlib.sha256(path.read_bytes()).hexdigest()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        read_report(path)
        outcome = "report"
    except FileError as error:
        outcome = error.code
        str(error), error.message("id"), error.message("en")
        json.dumps({"detail": error.detail, "path": error.path}, ensure_ascii=False).encode()
    except Budget:
        outcome = "hang"
    except BaseException:  # noqa: BLE001 - the point is to see everything
        outcome = "crash: " + traceback.format_exc(limit=-8)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if outcome[:5] != "crash" and hashlib.sha256(path.read_bytes()).hexdigest() != before:
        outcome = "crash: the input file was modified"
    return outcome


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per file")
    parser.add_argument("--keep", type=Path, help="write the mutated files to this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(args.start, args.start + args.count):
            filename, data = mutate(args.seed, index)
            path = folder / filename
            path.write_bytes(data)
            started, cpu = time.perf_counter(), time.process_time()
            outcome = read_one(path, args.budget)
            seconds = time.perf_counter() - started
            line = {"index": index, "name": describe(args.seed, index), "outcome": outcome,
                    "seconds": round(seconds, 3), "cpu": round(time.process_time() - cpu, 3)}
            print(json.dumps(line), flush=True)
            if not args.keep:
                path.unlink()


if __name__ == "__main__":
    sys.exit(main())
