"""From raw material to a report: captions, typed views, sections, period, unit, signatures.

Both readers fill ``paragraphs``, ``tables`` and ``blocks``; everything here works on those
alone, so a DOCX and the PDF printed from it give the same interpretation.
"""

from __future__ import annotations

import re
from collections import Counter

from lapkin_audit.model import (
    OrgUnit,
    Paragraph,
    Period,
    PeriodMention,
    Report,
    Section,
    Signature,
    TableView,
)
from lapkin_audit.parse.dates import find_periods, parse_date, quarter_end, quarter_start
from lapkin_audit.parse.tables import table_views

CAPTION = re.compile(r"^\s*tabel\s+\d+(\.\d+)*\.?", re.IGNORECASE)
CHAPTER = re.compile(r"^\s*bab\s+([ivx]+|\d+)\b\.?\s*(?P<title>.*)$", re.IGNORECASE)
NUMBERED_HEADING = re.compile(r"^\s*(?P<number>\d+(\.\d+)+)\.?\s+(?P<title>\S.{2,120})$")
NIP = re.compile(r"\bNIP\.?\s*:?\s*(?P<nip>[\d][\d .]{7,30}\d)", re.IGNORECASE)
_NOT_A_NAME = r"(?!(?i:tahun|triwulan|tribulan|semester|kabupaten|kota|provinsi|periode|laporan)\b)"
UNIT_NAME = re.compile(
    r"\b(?P<kind>(?i:kecamatan|dinas|badan|inspektorat|sekretariat|kantor))\s+"
    rf"(?P<name>{_NOT_A_NAME}[A-Z]\w*(?:[ \t]+(?:dan[ \t]+)?{_NOT_A_NAME}[A-Z]\w*){{0,6}})"
)
REGION = re.compile(
    r"\b(?P<kind>(?i:kabupaten|kota|provinsi))\s+"
    rf"(?P<name>{_NOT_A_NAME}[A-Z][A-Za-z]+(?:[ \t]+{_NOT_A_NAME}[A-Z][A-Za-z]+)?)"
)

# How much a mention counts when deciding the report's period: the content outweighs a cover.
MENTION_WEIGHT = {"range": 3, "caption": 2, "title": 1, "body": 1, "cover": 1, "signature": 0}


def assemble(report: Report) -> Report:
    _attach_captions(report)
    report.sections = _sections(report.paragraphs)
    report.period = _period(report)
    report.views = _views(report)
    report.signatures = _signatures(report.paragraphs)
    report.unit = _unit(report)
    return report


# -- captions and views ------------------------------------------------------------------------


def _attach_captions(report: Report) -> None:
    """A table's caption is the 'Tabel N' paragraph just before it, with its title line."""
    for position, block in enumerate(report.blocks):
        if block.kind != "table":
            continue
        before: list[Paragraph] = []
        for previous in reversed(report.blocks[max(0, position - 3):position]):
            if previous.kind != "paragraph":
                break
            before.insert(0, report.paragraphs[previous.index])
        for i, paragraph in enumerate(before):
            if CAPTION.match(paragraph.text):
                table = report.tables[block.index]
                table.caption = " ".join(p.text for p in before[i:])[:200]
                table.caption_paragraph = paragraph.index
                break


def _views(report: Report) -> list[TableView]:
    views: list[TableView] = []
    previous_table_views: list[TableView] = []
    for position, block in enumerate(report.blocks):
        if block.kind != "table":
            previous_table_views = [] if _is_narrative(report, block.index) else previous_table_views
            continue
        table = report.tables[block.index]
        inherited = None
        if previous_table_views and report.tables[previous_table_views[-1].table].n_cols == table.n_cols:
            inherited = previous_table_views[-1].columns
        current = table_views(table, report.period.year, inherited)
        if current and previous_table_views and _continues_view(previous_table_views[-1], current[0]):
            previous_table_views[-1].rows.extend(current[0].rows)
            current = current[1:]
        views.extend(current)
        previous_table_views = current or previous_table_views
    return views


def _is_narrative(report: Report, paragraph_index: int) -> bool:
    """Any paragraph between two tables separates them, except a lone page number."""
    return not re.fullmatch(r"\s*-?\s*\d{1,3}\s*-?\s*", report.paragraphs[paragraph_index].text)


def _continues_view(previous: TableView, current: TableView) -> bool:
    same_roles = {c.role for c in previous.columns} == {c.role for c in current.columns}
    return previous.kind is current.kind and same_roles and current.caption is None


# -- sections ----------------------------------------------------------------------------------


def _sections(paragraphs: list[Paragraph]) -> list[Section]:
    sections: list[Section] = []
    for p in paragraphs:
        lines = [line.strip() for line in p.text.splitlines() if line.strip()]
        first_line = lines[0]
        chapter = CHAPTER.match(first_line)
        if chapter and (p.heading_level or p.bold or first_line.isupper()):
            title = (chapter.group("title").strip() or " ".join(lines[1:])
                     or _next_title(paragraphs, p.index))
            sections.append(Section(number=first_line.split()[1].rstrip("."), title=title,
                                    level=1, loc=p.loc))
            continue
        heading = NUMBERED_HEADING.match(first_line)
        if heading and not CAPTION.match(first_line) and _looks_like_heading(p, heading.group("title")):
            number = heading.group("number")
            sections.append(Section(number=number, title=heading.group("title").strip(),
                                    level=number.count(".") + 1, loc=p.loc))
    return sections


def _next_title(paragraphs: list[Paragraph], index: int) -> str:
    return paragraphs[index + 1].text.strip() if index + 1 < len(paragraphs) else ""


def _looks_like_heading(p: Paragraph, title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    mostly_upper = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.7
    return bool(p.heading_level) or (p.bold and len(title) < 100) or mostly_upper


# -- period ------------------------------------------------------------------------------------


def _mention_place(report: Report, p: Paragraph, first_heading: int | None) -> str:
    if first_heading is not None and p.index < first_heading:
        return "cover"
    if p.heading_level is not None or (p.text.upper() == p.text and len(p.text) < 150):
        return "title"
    return "body"


def _period(report: Report) -> Period:
    caption_paragraphs = {t.caption_paragraph for t in report.tables if t.caption_paragraph is not None}
    first_heading = next((p.index for p in report.paragraphs if CHAPTER.match(p.text)), None)
    mentions: list[PeriodMention] = []
    for p in report.paragraphs:
        if p.index in caption_paragraphs:
            where = "caption"
        else:
            where = _mention_place(report, p, first_heading)
        texts = [p.text]
        if p.index in caption_paragraphs:
            table = next(t for t in report.tables if t.caption_paragraph == p.index)
            texts = [table.caption or p.text]
        for text in texts:
            for match in find_periods(text):
                mentions.append(match.to_mention("range" if match.is_range else where, p.loc))
    return _decide_period(mentions)


def _decide_period(mentions: list[PeriodMention]) -> Period:
    years: Counter[int] = Counter()
    quarters: Counter[int] = Counter()
    for m in mentions:
        weight = MENTION_WEIGHT[m.where]
        if m.year:
            years[m.year] += weight
        if m.quarter:
            quarters[m.quarter] += weight
    year = years.most_common(1)[0][0] if years else None
    quarter = quarters.most_common(1)[0][0] if quarters else None
    period = Period(year=year, quarter=quarter, annual=quarter is None and year is not None,
                    mentions=mentions)
    if year and quarter:
        period.start, period.end = quarter_start(year, quarter), quarter_end(year, quarter)
    elif year:
        import datetime as dt

        period.start, period.end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return period


# -- signatures and unit ----------------------------------------------------------------------


SIGNATURE_START = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)\s*,\s*"
    r"(?P<date>(?:\d{1,2}\s+)?[A-Za-z]{3,10}\.?\s+\d{4}|\d{1,2}[-/]\d{1,2}[-/]\d{4})\b"
)
RANK = re.compile(r"^(pembina|penata|pengatur|juru|pangkat)\b", re.IGNORECASE)


def _lines(paragraphs: list[Paragraph]) -> list[tuple[str, Paragraph]]:
    """Text lines; a PDF paragraph that glued `Tempat, tanggal` to the jabatan is cut after
    the date, and a rank glued before `NIP.` is cut off too."""
    lines: list[tuple[str, Paragraph]] = []
    for p in paragraphs:
        for line in p.text.splitlines():
            start = SIGNATURE_START.match(line)
            pieces = [line[:start.end()], line[start.end():]] if start else [line]
            for piece in pieces:
                nip = NIP.search(piece)
                if nip and nip.start() > 0:
                    pieces_nip = [piece[:nip.start()], piece[nip.start():]]
                else:
                    pieces_nip = [piece]
                lines.extend((text.strip(), p) for text in pieces_nip if text.strip())
    return lines


def _signatures(paragraphs: list[Paragraph]) -> list[Signature]:
    """`<Tempat>, <tanggal>`, then jabatan, name (and rank), `NIP. …` within a few lines."""
    lines = _lines(paragraphs)
    signatures: list[Signature] = []
    for i, (line, p) in enumerate(lines):
        m = SIGNATURE_START.match(line)
        if not m or len(line) > m.end() + 2:
            continue
        signature = Signature(place=m.group("place").strip(),
                              date=parse_date(m.group("date"), allow_month_only=True),
                              date_raw=m.group("date").strip(), loc=p.loc)
        block: list[str] = []
        for text, q in lines[i + 1:i + 8]:
            nip = NIP.search(text)
            if nip:
                signature.nip = nip.group("nip").strip()
                signature.nip_loc = q.loc
                break
            if SIGNATURE_START.match(text):
                break
            block.append(text)
        if signature.nip is None and not block:
            continue
        people = [t for t in block if not RANK.match(t)]
        role = [t for t in people if t.isupper() and not re.search(r"[.,]", t)]
        names = [t for t in people if t not in role]
        signature.role = " ".join(role[:3]) or (people[0] if people else None)
        signature.name = names[-1] if names else (role[-1] if len(role) > 1 else None)
        if signature.name and signature.role and signature.role.endswith(signature.name):
            signature.role = signature.role[: -len(signature.name)].strip()
        signatures.append(signature)
    return signatures


def _most_common_as_printed(matches: list[str]) -> str | None:
    """The most frequent name, compared case-insensitively, in its best printed form
    (mixed case preferred over ALL CAPS, which is how covers print names)."""
    if not matches:
        return None
    counts = Counter(" ".join(m.lower().split()) for m in matches)
    best = counts.most_common(1)[0][0]
    forms = [" ".join(m.split()) for m in matches if " ".join(m.lower().split()) == best]
    mixed = [f for f in forms if not f.isupper()]
    return mixed[0] if mixed else forms[0].title()


def _unit(report: Report) -> OrgUnit:
    text = "\n".join(p.text for p in report.paragraphs[:200])
    jabatan = next((s.role for s in report.signatures if s.role), None)
    return OrgUnit(
        jabatan=jabatan,
        instansi=_most_common_as_printed([m.group(0) for m in UNIT_NAME.finditer(text)]),
        wilayah=_most_common_as_printed([m.group(0) for m in REGION.finditer(text)]),
    )


def has_report_content(report: Report) -> bool:
    return bool(report.views) or any(m.where in ("cover", "title", "range") for m in report.period.mentions)

