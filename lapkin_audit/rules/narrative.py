"""Narrative rules: claims in the text checked against the tables (domain.md 12, 13 nr-1/nr-2).

The text of a report summarises its tables ("dari 9 indikator kinerja …", "belum ada yang
mencapai 100%"). These rules read such sentences and compare them with the capaian tables,
so a summary that describes another set of indicators, or contradicts the achievement values,
is caught. They are deliberately narrow: a sentence they cannot read is skipped, never guessed.

Achievement values are recomputed from target and realisasi when possible
(:func:`lapkin_audit.rules.calc.expected_capaian`), otherwise the printed capaian is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from lapkin_audit.model import (
    Finding,
    Message,
    Paragraph,
    Report,
    Severity,
    TableView,
    Unit,
    ViewKind,
    ViewRow,
)
from lapkin_audit.parse.numbers import format_number
from lapkin_audit.rules import matching
from lapkin_audit.rules.calc import FORMULA_TEXT, expected_capaian, show
from lapkin_audit.rules.registry import Context, Rule, register

# --------------------------------------------------------------------------------------------
# Sentence reading (shared by N301 and N302).

_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11,
}
_NUM_WORD = r"(?:(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+belas|" + "|".join(
    sorted(_NUMBER_WORDS, key=len, reverse=True)
) + ")"
# "9", "sembilan", "9 (sembilan)", "sembilan (9)"
_COUNT = (
    rf"(?<![\d.,/])\b(?P<n>\d{{1,3}}|{_NUM_WORD})\b(?![\d.,]\d)"
    rf"(?:\s*\(\s*(?:\d{{1,3}}|{_NUM_WORD})\s*\))?"
)
_NOUN = r"(?P<noun>indikator(?:\s+kinerja)?(?:\s+utama)?|iku|target(?:\s+kinerja)?)\b"
_COUNT_NOUN = re.compile(rf"{_COUNT}\s+{_NOUN}", re.IGNORECASE)

_TOTAL_BEFORE = re.compile(
    r"\b(?:dari|terdapat|sebanyak|ada|memiliki|mempunyai|terdiri\s+(?:dari|atas)|total|"
    r"jumlah)\s*$",
    re.IGNORECASE,
)
_DARI_BEFORE = re.compile(r"\bdari\s*$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(
    r"^\s*(?:yang\s+)?(?:telah\s+|sudah\s+)?(?:ditetapkan|diperjanjikan|tersebut|"
    r"ditargetkan|diukur)\b",
    re.IGNORECASE,
)

# Status of a counted group of indicators ("2 target yang mencapai 100%").
NOT_REACHED, REACHED, EXCEEDED = "not_reached", "reached", "exceeded"
_ST_NOT = re.compile(
    r"\b(?:belum|tidak)\s+(?:\w+\s+){0,2}?(?:mencapai|tercapai|memenuhi|berhasil|sesuai)",
    re.IGNORECASE,
)
_ST_EXCEEDED = re.compile(
    r"\b(?:melampaui|melebihi)\s+target|\bdi\s*atas\s+(?:target|100\s*%)|"
    r"\blebih\s+dari\s+100\s*%",
    re.IGNORECASE,
)
_ST_REACHED_OR_EXCEEDED = re.compile(
    r"\b(?:mencapai|memenuhi)\s+(?:atau|dan|/)\s+(?:melampaui|melebihi)\b", re.IGNORECASE
)
_ST_REACHED = re.compile(
    r"\b(?:mencapai|memenuhi)\s+(?:target|100\s*%)|\btercapai\b|\bberhasil\b",
    re.IGNORECASE,
)
_ST_OTHER_LEVEL = re.compile(r"\bmencapai\s+(?!100\s*%)\d+(?:[.,]\d+)?\s*%", re.IGNORECASE)

_LIST_INTRO = re.compile(
    r"(?:di\s*antaranya|antara\s+lain|yaitu|yakni|meliputi|sebagai\s+berikut)\s*:?\s*",
    re.IGNORECASE,
)
# Sentences about another plan or an earlier period are not about this report's tables.
_OTHER_SCOPE = re.compile(
    r"\b(?:rpjmd|rpjpd|renstra|nasional|provinsi|sebelumnya|yang\s+lalu|tahun\s+lalu)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:s\.d|dll|dsb|dst|no|rp|drs|nip|kab|kec|jl|ir|dr|tgl|hal|bpk|ibu|sdr)\.|"
    r"^\s*\d+(?:\.\d+)*[.)]|(?:^|\s)[a-z][.)])$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^\s*(?:[-•▪◦*]\s*)?(?:(?:[a-z]|\d{1,2})[.)]\s*)?", re.IGNORECASE)
_ITEM_MARKER = re.compile(r"(?:^|\s)(?:[a-z]|\d{1,2})[.)]\s+", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    """Split narrative into sentences, keeping abbreviations (``s.d``, ``Rp.``) together."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREVIATION_END.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s for s in sentences if s.strip()]


def _number(token: str) -> int:
    token = " ".join(token.lower().split())
    if token.isdigit():
        return int(token)
    if token.endswith(" belas"):
        return 10 + _NUMBER_WORDS[token.split()[0]]
    return _NUMBER_WORDS[token]


def _clause_after(text: str, start: int) -> str:
    """The rest of the clause after a position: up to , ; . : ( or 'dan', at most 90 chars."""
    rest = re.sub(r"^\s*\([^)]{0,20}\)", " ", text[start:start + 90])  # "8 indikator (80%) …"
    match = re.search(r"[,;:(]|\.(?!\d)|\bdan\b|\bsedangkan\b|\bserta\b", rest, re.IGNORECASE)
    return rest[: match.start()] if match else rest


def _status_of(clause: str) -> str | None:
    if _ST_NOT.search(clause):
        return NOT_REACHED
    if _ST_REACHED_OR_EXCEEDED.search(clause):
        return REACHED  # "mencapai atau melampaui target": at least 100%
    if _ST_EXCEEDED.search(clause):
        return EXCEEDED
    if _ST_OTHER_LEVEL.search(clause):
        return None
    if _ST_REACHED.search(clause):
        return REACHED
    return None


@dataclass
class _CountClaim:
    n: int
    kind: str  # "total" or a status
    raw: str
    paragraph: Paragraph
    sentence: str
    start: int  # position of the match in the sentence
    end: int


def _count_claims(paragraph: Paragraph, sentence: str) -> list[_CountClaim]:
    claims = []
    for match in _COUNT_NOUN.finditer(sentence):
        before = sentence[: match.start()]
        after = sentence[match.end():]
        clause = _clause_after(sentence, match.end())
        n = _number(match.group("n"))
        status = _status_of(clause)
        relative = re.match(r"\s*yang\b", clause, re.IGNORECASE) is not None
        if _DARI_BEFORE.search(before):
            # "dari 9 indikator (tersebut) …" is a total; "dari 3 indikator yang belum
            # tercapai, …" counts a subset by status
            kind = status if relative and status else "total"
        elif status is not None:
            kind = status
        elif _TOTAL_AFTER.search(after) or (_TOTAL_BEFORE.search(before) and not relative):
            kind = "total"  # not "terdapat 2 indikator yang capaiannya …": a subset
        else:
            continue
        raw = (match.group(0) + clause).strip() if kind != "total" else match.group(0)
        claims.append(_CountClaim(n, kind, " ".join(raw.split()), paragraph, sentence,
                                  match.start(), match.end()))
    return claims


def _is_heading(paragraph: Paragraph) -> bool:
    if paragraph.heading_level is not None:
        return True
    text = paragraph.text.strip()
    return bool(re.match(r"^(?:BAB\s+[IVXL]+\b|\d+(?:\.\d+)+\.?\s+[A-Z][A-Z ]{3,})", text))


def _other_period(sentence: str, report: Report) -> bool:
    """The sentence is about another year (an earlier period or the Renstra horizon)."""
    year = report.period.year
    return year is not None and any(int(y) != year for y in _YEAR.findall(sentence))


def _strip_marker(text: str) -> str:
    return _LIST_MARKER.sub("", text, count=1).strip().rstrip(".;,").strip()


# --------------------------------------------------------------------------------------------
# What the tables say.


@dataclass
class _Indicator:
    name: str
    key: str
    sasaran: str | None
    row: ViewRow
    view: TableView
    printed: Decimal | None = None
    printed_text: str | None = None
    recomputed: Decimal | None = None
    formula: str | None = None

    @property
    def value(self) -> Decimal | None:
        return self.recomputed if self.recomputed is not None else self.printed

    def describe(self, lang: str) -> str:
        """``Name: 116,28% (realisasi ÷ target; tertulis 86%)``: both values when they differ."""
        if self.recomputed is None:
            return f"{self.name}: {self.printed_text or '?'}"
        how = FORMULA_TEXT[self.formula].get(lang) if self.formula in FORMULA_TEXT else None
        notes = [how] if how else []
        if self.printed_text and not (self.printed is not None
                                      and _same(self.printed, self.recomputed)):
            notes.append(("printed " if lang == "en" else "tertulis ") + self.printed_text)
        return f"{self.name}: {_pct(self.recomputed)}" + (f" ({'; '.join(notes)})" if notes else "")


@dataclass
class _Tables:
    indicators: list[_Indicator] = field(default_factory=list)
    count_lo: int = 0
    count_hi: int = 0
    source: str | None = None  # "capaian" or "perjanjian_kinerja"
    views: list[TableView] = field(default_factory=list)
    per_sasaran: set[int] = field(default_factory=set)

    @property
    def has_values(self) -> bool:
        return self.source == "capaian" and any(i.value is not None for i in self.indicators)

    def count_text(self) -> str:
        return str(self.count_lo) if self.count_lo == self.count_hi else (
            f"{self.count_lo}–{self.count_hi}")

    def source_message(self) -> Message:
        if len(self.views) == 1 or self.source == "capaian":
            # several tables measure the indicators: name the fullest (the first on a tie)
            fullest = max(self.views, key=lambda v: len(v.data_rows))
            return matching.view_name(fullest)
        return Message(id="Perjanjian Kinerja", en="the Perjanjian Kinerja")


def _pct(value: Decimal) -> str:
    text = format_number(value, 2, Unit.PERCENT)
    return text.replace(",00%", "%")


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < Decimal("0.005")


def _key(name: str) -> str:
    return matching.normalise_name(name)


def performance_views(report: Report) -> list[TableView]:
    """Tables that measure indicators against targets: capaian tables and indicator-level
    cost tables; a comparison with earlier years counts only when nothing else does."""
    measured = [v for v in report.views
                if v.kind is ViewKind.CAPAIAN
                or (v.kind is ViewKind.COST and v.column("indikator") and v.column("target"))]
    current = [v for v in measured if not v.compares_years(report.period.year)]
    return current or measured


def _read_tables(report: Report, ctx: Context) -> _Tables:
    tables = _Tables()
    for kind in (ViewKind.CAPAIAN, ViewKind.PERJANJIAN_KINERJA):
        candidates = performance_views(report) if kind is ViewKind.CAPAIAN else report.views_of(kind)
        views = [v for v in candidates if any(r.name for r in v.data_rows)]
        if not views:
            continue
        seen: dict[str, _Indicator] = {}
        per_view: list[int] = []
        by_sasaran: dict[str, set[str]] = {}
        for view in views:
            keys: set[str] = set()
            for row in view.data_rows:
                name = row.indikator or row.name
                if name is None or not name.text.strip():
                    continue
                key = _key(name.text) or name.text.lower()
                others = [k for k, i in seen.items() if i.view is not view]
                known = matching.best_match(name.text, [seen[k].name for k in others])
                if known is not None:  # the same indicator, spelt differently in another table
                    key = others[known[0]]
                keys.add(key)
                sasaran = row.sasaran.text if row.sasaran else None
                if sasaran:
                    by_sasaran.setdefault(_key(sasaran) or sasaran.lower(), set()).add(key)
                if key in seen:
                    continue
                item = _Indicator(" ".join(name.text.split()), key, sasaran, row, view)
                if kind is ViewKind.CAPAIAN and row.target is not None:
                    _fill_values(item, row, ctx)
                seen[key] = item
            per_view.append(len(keys))
        tables.indicators = list(seen.values())
        tables.count_lo = max(per_view)
        tables.count_hi = len(seen)
        tables.source = kind.value
        tables.views = views
        tables.per_sasaran = {len(v) for v in by_sasaran.values()}
        return tables
    return tables


def _fill_values(item: _Indicator, row: ViewRow, ctx: Context) -> None:
    if row.capaian is not None and row.capaian.value is not None:
        item.printed = row.capaian.value
        item.printed_text = show(row.capaian)
    result = expected_capaian(row, ctx.pack)
    if result is not None:
        item.recomputed, item.formula = Decimal(result[0]), (str(result[1]) if result[1] else None)


def _count_status(tables: _Tables, status: str) -> tuple[int, int]:
    """Indicators known to be in ``status``, and indicators whose capaian is unknown."""
    values = [i.value for i in tables.indicators if i.value is not None]
    unknown = len(tables.indicators) - len(values)
    return sum(1 for v in values if _in_status(v, status)), unknown


def _at_least(value: Decimal, level: Decimal) -> bool:
    """``value`` ≥ ``level`` at the precision capaian are printed with (2 decimals)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) >= level


def _in_status(value: Decimal, status: str) -> bool:
    if status == NOT_REACHED:
        return not _at_least(value, Decimal(100))
    if status == EXCEEDED:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) > 100
    return _at_least(value, Decimal(100))


_STATUS_TEXT = {
    NOT_REACHED: Message(id="belum mencapai target", en="below target"),
    REACHED: Message(id="mencapai 100%", en="at or above 100%"),
    EXCEEDED: Message(id="melampaui target", en="above target"),
}


# --------------------------------------------------------------------------------------------
# N301


@register
class CountClaim(Rule):
    """The text states a number of indicators or targets the tables do not have.

    ## What it checks
    Sentences that count indicators or targets — "dari 9 indikator kinerja", "dari 9 target
    kinerja yang ditetapkan", "terdapat 4 IKU", "3 indikator belum mencapai target",
    "2 target yang mencapai 100%" — are compared with the tables:

    - a total ("dari N indikator") with the number of distinct indicators in the capaian
      table(s), or in the Perjanjian Kinerja when the report has no capaian table;
    - a split ("dari 9 target: 2 mencapai 100%, 7 belum tercapai") whose parts do not add up
      to the total it splits;
    - a count by status ("N indikator belum mencapai target", "N target mencapai 100%") with
      the number of indicators in that state, using the recomputed capaian when target and
      realisasi allow it, else the printed capaian. When the total itself is wrong, its parts
      are not reported again.

    Counts of sasaran, counts in sentences about another year or about the RPJMD / Renstra,
    and counts that equal the indicators of one sasaran (in a sentence about a sasaran) are
    not checked. With several capaian tables any count between the largest table and the
    union of all tables is accepted.

    ## Why it matters
    A summary that counts nine indicators when the report measures four describes another
    document (often last year's, or the formula table's list) and misleads the reader who
    stops at the narrative.

    ## Example (fails)
    "Dalam kurun waktu 1 Januari s.d 30 Juni 2023, maka dari 9 indikator kinerja tersebut …"
    while Tabel 2.2 lists 4 indicators.

    ## Example (passes)
    "Dari 4 Indikator camat dalam triwulanan II masih dibawah 50%" with the same 4-row table.
    """

    code = "N301"
    name = "count-claim"
    family = "narrative"
    default_severity = Severity.ERROR
    template = Message(
        id="Narasi menyebut {n} indikator, {source} memuat {found} indikator",
        en="The text claims {n} indicators; {source} has {found}",
    )
    split_template = Message(
        id="Narasi merinci {parts} = {n} indikator, padahal totalnya disebut {found}",
        en="The text splits the indicators as {parts} = {n}, but states a total of {found}",
    )
    status_template = Message(
        id="Narasi menyebut {n} indikator {status}, {source} menunjukkan {found}",
        en="The text claims {n} indicators {status}; {source} shows {found}",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        tables = _read_tables(report, ctx)
        if tables.source is None:
            return
        split = _Split()
        for paragraph in report.paragraphs:
            if _is_heading(paragraph) or split.distance > 6:
                yield from self._close(split)
                split = _Split()
            split.distance += 1
            for sentence in _sentences(paragraph.text):
                if _OTHER_SCOPE.search(sentence) or _other_period(sentence, report):
                    continue
                for claim in _count_claims(paragraph, sentence):
                    if claim.kind == "total":
                        yield from self._close(split)
                        split = _Split(total=claim, wrong=not self._total_ok(claim, tables))
                        if split.wrong:
                            yield self._total_finding(claim, tables)
                        continue
                    split.parts.append(claim)
                    if split.wrong or not tables.has_values:
                        continue  # a wrong total is reported once, not again in its parts
                    found, unknown = _count_status(tables, claim.kind)
                    if not found <= claim.n <= found + unknown:
                        split.flagged = True
                        shown = f"{found}–{found + unknown}" if unknown else str(found)
                        yield self.finding(
                            claim.paragraph.loc, actual=claim.n, expected=found,
                            actual_text=claim.raw, template=self.status_template,
                            n=claim.n, found=shown, status=_STATUS_TEXT[claim.kind],
                            source=tables.source_message(),
                        )
        yield from self._close(split)

    @staticmethod
    def _total_ok(claim: _CountClaim, tables: _Tables) -> bool:
        if tables.count_lo <= claim.n <= tables.count_hi:
            return True
        return "sasaran" in claim.sentence.lower() and claim.n in tables.per_sasaran

    def _total_finding(self, claim: _CountClaim, tables: _Tables) -> Finding:
        expected = tables.count_hi if claim.n > tables.count_hi else tables.count_lo
        return self.finding(
            claim.paragraph.loc, actual=claim.n, expected=expected,
            actual_text=claim.raw, expected_text=f"{tables.count_text()} indikator",
            n=claim.n, found=tables.count_text(), source=tables.source_message(),
        )

    def _close(self, split: _Split) -> Iterator[Finding]:
        """A total then parts of opposite status ("2 tercapai", "7 belum"): they must add up.

        Not reported when a part was already found wrong against the tables."""
        if split.total is None or split.flagged:
            return
        statuses = {p.kind for p in split.parts}
        if NOT_REACHED not in statuses or REACHED not in statuses or EXCEEDED in statuses:
            return  # "melampaui" may or may not be counted among "mencapai": ambiguous
        used = [p for p in split.parts if p.kind in (NOT_REACHED, REACHED)]
        summed = sum(p.n for p in used)
        if summed != split.total.n:
            yield self.finding(
                used[-1].paragraph.loc, actual=summed, expected=split.total.n,
                template=self.split_template, parts=" + ".join(str(p.n) for p in used),
                n=summed, found=split.total.n,
            )


@dataclass
class _Split:
    """A total claim and the status counts after it (same sentence or the next paragraphs)."""

    total: _CountClaim | None = None
    wrong: bool = False  # the total disagrees with the tables
    flagged: bool = False  # a part was reported against the tables
    parts: list[_CountClaim] = field(default_factory=list)
    distance: int = 0


# --------------------------------------------------------------------------------------------
# N302


_LEVEL = r"(?:(?:mencapai|memenuhi)\s+(?P<level>target|\d+(?:[.,]\d+)?\s*%)|(?P<plain>tercapai)\b)"
_SET = r"(?:indikator|target|iku)(?:\s+kinerja)?(?:\s+utama)?"
# "belum ada (indikator) yang mencapai 100%", "belum satupun target yang tercapai"
_NONE_REACHED = re.compile(
    rf"\b(?:belum|tidak)\s+(?:ada|satu\s*pun)\s+(?:{_SET}\s+)?yang\s+"
    rf"(?P<mid>(?:\w+\s+){{0,2}}?){_LEVEL}",
    re.IGNORECASE,
)
# "seluruh indikator belum mencapai target", "semua target tidak tercapai"
_ALL_NOT_REACHED = re.compile(
    rf"\b(?:semua|seluruh)(?:nya)?\s+{_SET}\s+(?P<mid>(?:\w+\s+){{0,3}}?)"
    rf"(?:belum|tidak)\s+{_LEVEL}",
    re.IGNORECASE,
)
# "semua indikator telah mencapai target", "seluruh target tercapai"
_ALL_REACHED = re.compile(
    rf"(?<!tidak\s)(?<!belum\s)\b(?:semua|seluruh)(?:nya)?\s+{_SET}\s+"
    rf"(?P<mid>(?:\w+\s+){{0,3}}?){_LEVEL}",
    re.IGNORECASE,
)
# "tidak semua indikator mencapai 100%"
_SOME_NOT = re.compile(
    rf"\b(?:tidak|belum)\s+(?:semua|seluruh)(?:nya)?\s+{_SET}\s+"
    rf"(?P<mid>(?:\w+\s+){{0,3}}?){_LEVEL}",
    re.IGNORECASE,
)
# Words between subject and verb that turn a claim into an aim or a condition
# ("… diupayakan agar tercapai", "… untuk mencapai target", "… belum …").
_NOT_A_CLAIM = re.compile(
    r"\b(?:untuk|agar|supaya|guna|demi|dalam|diharapkan|diupayakan|harus|perlu|akan|"
    r"ditargetkan|direncanakan|bila|jika|apabila|belum|tidak)\b",
    re.IGNORECASE,
)


def _claim(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    match = pattern.search(sentence)
    if match is None or _NOT_A_CLAIM.search(match.group("mid") or ""):
        return None
    return match


_BELOW_ABOVE = re.compile(
    r"\b(?P<dir>di\s*bawah|kurang\s+dari|di\s*atas|lebih\s+dari|melebihi)\s+"
    r"(?P<x>\d+(?:[.,]\d+)?)\s*(?:%|persen\b)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    rf"(?P<all>\b(?:dari|semua|seluruh(?:nya)?)\s+(?:{_COUNT}\s+)?)?"
    rf"(?:(?P<count>{_COUNT.replace('?P<n>', '?P<m>')})\s+)?"
    r"(?:indikator|target|iku)\b",
    re.IGNORECASE,
)


def _level(match: re.Match[str]) -> Decimal:
    level = match.group("level")
    if level is None or level.lower() == "target":
        return Decimal(100)
    return Decimal(level.rstrip("% ").replace(",", "."))


@dataclass
class _Reading:
    label: Message
    values: list[Decimal]


def _readings(report: Report, tables: _Tables) -> list[_Reading]:
    """Every way the tables can be read as one percentage per row, for "di bawah X%"."""
    readings: list[_Reading] = []
    if tables.source == "capaian":
        recomputed = [i.value for i in tables.indicators if i.value is not None]
        printed = [i.printed for i in tables.indicators if i.printed is not None]
        readings.append(_Reading(Message(id="capaian", en="capaian"), recomputed))
        readings.append(_Reading(Message(id="capaian tertulis", en="printed capaian"), printed))
    fields = {
        ViewKind.CAPAIAN: ("realisasi",),
        ViewKind.COST: ("serapan", "realisasi", "capaian"),
        ViewKind.BUDGET: ("serapan",),
    }
    labels = {
        "realisasi": Message(id="realisasi kinerja", en="performance realisasi"),
        "serapan": Message(id="serapan anggaran", en="budget absorption"),
        "capaian": Message(id="capaian kinerja", en="capaian"),
    }
    for view in report.views:
        for name in fields.get(view.kind, ()):
            values = []
            for row in view.data_rows:
                q = getattr(row, name)
                if q is None or q.value is None:
                    continue
                if name == "realisasi" and q.unit is not Unit.PERCENT and not (
                    row.satuan and "%" in row.satuan.text
                ):
                    continue
                values.append(q.value)
            if values:
                readings.append(_Reading(labels[name], values))
    return [r for r in readings if r.values]


@register
class AchievementClaim(Rule):
    """A statement about achievement that the tables contradict.

    ## What it checks
    Qualitative claims about how far the indicators got, against the capaian tables (the
    recomputed capaian when target and realisasi allow it, else the printed one; the message
    gives both when they differ):

    - "belum ada (indikator) yang mencapai 100%" / "… mencapai target" while some indicator
      reaches it;
    - "semua indikator tercapai" / "seluruh target telah mencapai 100%" while some does not;
      "tidak semua indikator tercapai" while all do;
    - "N target yang mencapai 100% diantaranya: a. … b. …" naming indicators that no capaian
      table contains, or whose capaian is not in the stated state;
    - "dari 4 indikator … masih di bawah 50%" (or "di atas X%"): flagged only when **no**
      reading of the tables supports it — capaian, realisasi kinerja in percent, serapan
      anggaran in the cost or budget tables — because authors often mean absorption.

    ## Why it matters
    The narrative is what a Bupati or inspector reads first. A claim that no indicator
    reached its target, next to a table where two did, undermines the whole report.

    ## Example (fails)
    "… dari 9 indikator kinerja tersebut belum ada yang mencapai 100%" above a table whose
    realisasi 100% on a target of 100% gives a capaian of 100%.

    ## Example (passes)
    "Dari 4 Indikator camat dalam triwulanan II masih dibawah 50%" when the serapan of the
    cost table are 24,97%, 40,23%, 46,07% and 35,72%.
    """

    code = "N302"
    name = "achievement-claim"
    family = "narrative"
    default_severity = Severity.ERROR
    template = Message(
        id="Narasi menyatakan \"{claim}\", tetapi {source} menunjukkan: {detail}",
        en="The text says \"{claim}\", but {source} shows: {detail}",
    )
    named_template = Message(
        id="Narasi menyebut {n} indikator yang {status}, tetapi {detail}",
        en="The text names {n} indicators as {status}, but {detail}",
    )
    level_template = Message(
        id="Narasi menyatakan \"{claim}\", tetapi tidak ada tabel yang mendukung ({detail})",
        en="The text says \"{claim}\", but no table supports it ({detail})",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        tables = _read_tables(report, ctx)
        paragraphs = report.paragraphs
        for index, paragraph in enumerate(paragraphs):
            for sentence in _sentences(paragraph.text):
                if _OTHER_SCOPE.search(sentence) or _other_period(sentence, report):
                    continue
                if tables.has_values:
                    yield from self._quantified(paragraph, sentence, tables)
                    yield from self._named(paragraphs, index, sentence, tables)
                yield from self._level(paragraph, sentence, report, tables)

    # "belum ada yang mencapai 100%", "semua indikator tercapai", "tidak semua …"
    def _quantified(self, paragraph: Paragraph, sentence: str,
                    tables: _Tables) -> Iterator[Finding]:
        known = [i for i in tables.indicators if i.value is not None]
        for pattern in (_NONE_REACHED, _ALL_NOT_REACHED):
            match = _claim(pattern, sentence)
            if match:  # claims that none reached the level
                level = _level(match)
                hits = [i for i in known if _at_least(i.value, level)]
                if hits:  # shown with those whose printed capaian reaches it too
                    shown = [i for i in known if any(i is h for h in hits)
                             or (i.printed is not None and _at_least(i.printed, level))]
                    yield self._finding(paragraph, match.group(0), 0, len(hits), shown, tables)
                return
        match = _claim(_SOME_NOT, sentence)
        if match:  # claims that at least one did not reach it
            if known and all(_at_least(i.value, _level(match)) for i in known):
                yield self._finding(paragraph, match.group(0), None, len(known), known, tables)
            return
        match = _claim(_ALL_REACHED, sentence)
        if match:  # claims that all reached it
            misses = [i for i in known if not _at_least(i.value, _level(match))]
            if misses:
                yield self._finding(paragraph, match.group(0), len(known),
                                    len(known) - len(misses), misses, tables)

    def _finding(self, paragraph: Paragraph, claim: str, claimed: int | None, found: int,
                 shown: list[_Indicator], tables: _Tables) -> Finding:
        """actual = indicators the text says reached the level; expected = what the table says."""
        claim = " ".join(claim.split())
        detail = Message(id="; ".join(i.describe("id") for i in shown),
                         en="; ".join(i.describe("en") for i in shown))
        return self.finding(
            paragraph.loc, actual=claimed, expected=found, actual_text=claim, claim=claim,
            source=tables.source_message(), detail=detail,
        )

    # "2 target yang mencapai 100% diantaranya : a. … b. …"
    def _named(self, paragraphs: list[Paragraph], index: int, sentence: str,
               tables: _Tables) -> Iterator[Finding]:
        for claim in _count_claims(paragraphs[index], sentence):
            if claim.kind == "total":
                continue
            rest = sentence[claim.end:]
            intro = _LIST_INTRO.search(rest)
            if intro is None or len(rest[: intro.start()]) > 90:
                continue
            items = _inline_items(rest[intro.end():], claim.n) or _following_items(
                paragraphs, index, claim.n)
            if not items:
                continue
            absent, wrong = [], []
            for item in items:
                match = _best_match(item, tables.indicators)
                if match is None:
                    absent.append(item)
                elif match.value is not None and not _in_status(match.value, claim.kind):
                    wrong.append(match)
            if not absent and not wrong:
                continue
            parts_id, parts_en = [], []
            if absent:
                names = "; ".join(absent)
                parts_id.append(f"tidak ada di tabel capaian mana pun: {names}")
                parts_en.append(f"not in any capaian table: {names}")
            if wrong:
                parts_id.append("menurut tabel, " + "; ".join(i.describe("id") for i in wrong))
                parts_en.append("per the table, " + "; ".join(i.describe("en") for i in wrong))
            yield self.finding(
                paragraphs[index].loc, template=self.named_template,
                actual=claim.n, actual_text=claim.raw,
                expected=len(items) - len(absent) - len(wrong), n=claim.n,
                status=_STATUS_TEXT[claim.kind],
                detail=Message(id="; ".join(parts_id), en="; ".join(parts_en)),
            )

    # "dari 4 indikator … masih di bawah 50%"
    def _level(self, paragraph: Paragraph, sentence: str, report: Report,
               tables: _Tables) -> Iterator[Finding]:
        for match in _BELOW_ABOVE.finditer(sentence):
            before = sentence[: match.start()]
            subjects = list(_SUBJECT.finditer(before))
            if not subjects:
                continue
            subject = subjects[-1]
            if not (subject.group("all") or subject.group("count")):
                continue  # "indikator X masih di bawah 50%" speaks of one indicator
            between = sentence[subject.end(): match.start()]
            if re.search(r"\btarget\b", between, re.IGNORECASE):
                continue  # "… di bawah target 85%" compares with the target, not a level
            if re.search(r"\b(?:rata|rerata|total|jumlah)\b", between, re.IGNORECASE):
                continue  # "rata-rata capaian di atas 90%": an average, not every value
            wanted: int | None = None
            if subject.group("count") and not subject.group("all"):
                wanted = _number(subject.group("m"))
            below = match.group("dir").lower().replace(" ", "") in ("dibawah", "kurangdari")
            x = Decimal(match.group("x").replace(",", "."))
            readings = _readings(report, tables)
            if not readings:
                continue
            if any(_supports(r.values, x, below, wanted) for r in readings):
                continue
            first = readings[0]
            shown = ", ".join(_pct(v) for v in first.values[:8])
            claim = " ".join((before[subject.start():] + match.group(0)).split())
            yield self.finding(
                paragraph.loc, template=self.level_template, actual_text=claim,
                expected_text=shown, claim=claim,
                detail=Message(id=f"{first.label.id}: {shown}", en=f"{first.label.en}: {shown}"),
            )


def _supports(values: list[Decimal], x: Decimal, below: bool, wanted: int | None) -> bool:
    hits = sum(1 for v in values if (v < x if below else v > x))
    return hits >= wanted if wanted is not None else hits == len(values)


def _inline_items(text: str, n: int) -> list[str]:
    """Items written in the claim's own sentence: "a. X b. Y", "X; Y", or one item."""
    text = text.strip()
    if not text:
        return []
    if _ITEM_MARKER.search(" " + text):
        pieces = _ITEM_MARKER.split(" " + text)
    elif ";" in text:
        pieces = text.split(";")
    elif n == 1:
        pieces = [text]  # names contain "dan" and commas: never split on them
    else:
        return []
    return [p for p in (_strip_marker(x) for x in pieces) if len(p.split()) >= 2]


def _following_items(paragraphs: list[Paragraph], index: int, n: int) -> list[str]:
    """Up to n short list paragraphs right after the claim."""
    items: list[str] = []
    for paragraph in paragraphs[index + 1: index + 1 + n]:
        text = _strip_marker(paragraph.text)
        if (_is_heading(paragraph) or not text or len(text.split()) > 25
                or _COUNT_NOUN.search(paragraph.text) or paragraph.text.rstrip().endswith(":")):
            break
        items.append(text)
    return items


def _best_match(name: str, indicators: list[_Indicator]) -> _Indicator | None:
    found = matching.best_match(name, [i.name for i in indicators])
    if found is None or found[1] < matching.DEFAULT_THRESHOLD:
        return None
    return indicators[found[0]]

