"""Text rules: misspelt key terms and repeated words, in narrative and in table cells.

The vocabulary (key terms, known misspellings with their fix, valid near-misses, fuzzy
limits) is the ``terms`` section of the regulation pack (``rules/default/terms.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import OSA

from lapkin_audit.model import Finding, Location, Message, Report, Severity
from lapkin_audit.rules.registry import Context, Rule, register

# --------------------------------------------------------------------------------------------
# The ``terms`` pack section.


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Misspelling(_Model):
    wrong: str
    right: str
    severity: Severity | None = None


class _Words(_Model):
    terms: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)


class Fuzzy(_Model):
    min_length: int = 7
    max_distance: dict[int, int] = Field(default_factory=lambda: {7: 1, 13: 2})
    max_length_difference: int = 2
    same_first_letter: bool = True

    def distance_for(self, length: int) -> int:
        allowed = 0
        for from_length, distance in sorted(self.max_distance.items()):
            if length >= from_length:
                allowed = distance
        return allowed


class TermsPack(_Model):
    key_terms: _Words = Field(default_factory=_Words)
    misspellings: list[Misspelling] = Field(default_factory=list)
    allow: _Words = Field(default_factory=_Words)
    fuzzy: Fuzzy = Field(default_factory=Fuzzy)
    reduplication: _Words = Field(default_factory=_Words)


@dataclass(frozen=True)
class _Vocabulary:
    terms: dict[str, str]  # lower → as written in the pack
    misspellings: dict[str, Misspelling]  # lower wrong → entry
    valid: frozenset[str]  # key terms and allowed words, lower
    fuzzy: Fuzzy
    reduplication: frozenset[str]


@lru_cache(maxsize=16)
def _vocabulary_cached(pack: Any) -> _Vocabulary:
    data = TermsPack.model_validate(pack.section("terms") or {})
    terms = {t.lower(): t for t in data.key_terms.terms}
    return _Vocabulary(
        terms=terms,
        misspellings={m.wrong.lower(): m for m in data.misspellings},
        valid=frozenset(terms) | {w.lower() for w in data.allow.words},
        fuzzy=data.fuzzy,
        reduplication=frozenset(w.lower() for w in data.reduplication.words),
    )


def vocabulary(ctx: Context) -> _Vocabulary:
    if ctx.pack is None:
        from lapkin_audit.packs import load_pack

        return _vocabulary_cached(load_pack())
    return _vocabulary_cached(ctx.pack)


# --------------------------------------------------------------------------------------------
# Where text is: paragraphs and table cells, each with its location.


def _texts(report: Report) -> Iterator[tuple[str, Location]]:
    for paragraph in report.paragraphs:
        yield paragraph.text, paragraph.loc
    for table in report.tables:
        for cell in table.cells:
            if cell.text.strip():
                yield cell.text, Location(table=table.index, row=cell.row, column=cell.col,
                                          page=cell.page, bbox=cell.bbox)


def _loc_key(loc: Location) -> tuple[Any, ...]:
    return (loc.paragraph, loc.table, loc.row, loc.column, loc.page)


_WORD = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------------------------
# T701

_PREFIXES = ("", "di", "ter", "ke", "se", "ber", "per", "pe", "pen", "pem", "peng", "penge",
             "me", "men", "mem", "meng", "menge")
_SUFFIXES = ("", "an", "kan", "i", "nya", "annya", "kannya", "lah")


def _derived(word: str, valid: frozenset[str]) -> bool:
    """A valid word with an Indonesian affix added or removed ("pemerintah" ↔ "pemerintahan")."""
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        for suffix in _SUFFIXES:
            if suffix and not word.endswith(suffix):
                continue
            core = word[len(prefix): len(word) - len(suffix)]
            if len(core) >= 4 and core in valid:
                return True
    for term in valid:  # the word is a valid word minus an affix
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                if (prefix or suffix) and term == prefix + word + suffix:
                    return True
    return False


def _with_case(fix: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return fix.upper()
    if like[:1].isupper():
        return fix[:1].upper() + fix[1:]
    return fix[:1].lower() + fix[1:]


def _wrapped(text: str, match: re.Match[str]) -> bool:
    """A word cut by a line break inside a cell ("Indikato\\nr"): a layout artefact, not a slip."""
    start, end = match.span()
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (after[:1] == "\n" and after[1:2].isalpha()) or (
        before[-1:] == "\n" and before[:1].isalpha())


def _acronym_like(word: str) -> bool:
    """RKPDes, APBDesa, LPPDes: capitals after the first letter in a word not all capitals."""
    return not word.isupper() and any(c.isupper() for c in word[1:])


@register
class Typo(Rule):
    """A key domain term is misspelt.

    ## What it checks
    Every word of the narrative and of every table cell (headers included):

    - a known misspelling from the ``terms`` pack is always reported with its fix
      (``Realiasasi`` → ``Realisasi``, ``Tribulanan`` → ``Triwulanan``, ``etrfasilitasi`` →
      ``terfasilitasi``, ``Prosentase`` → ``Persentase``; ``Nopember`` / ``Pebruari`` as info);
    - another word is reported only when it is long (7+ letters), within a small edit
      distance of a key term (transpositions count as one edit; 1 edit up to 12 letters, 2
      from 13), with the same first letter and a similar length, not in the pack's list of
      valid near-misses, and not a valid word with an Indonesian affix (``pemerintah``,
      ``fasilitas``, ``kinerjanya``).
      Acronym-like words (``RKPDes``) and words cut by a line break inside a cell
      (``Indikato`` / ``r Kinerja``, a PDF layout artefact) are skipped.

    One finding per distinct word per paragraph or cell.

    ## Why it matters
    Misspelt headers and indicator names make an official report look unchecked, and they
    break every later search or match on those terms.

    ## Example (fails)
    Tabel 2.2 header "Realiasasi"; indicator "Persentase Desa /Kelurahan yang etrfasilitasi".

    ## Example (passes)
    "Realisasi", "Fasilitas", "Pemerintah Daerah", "pemerintahan desa".
    """

    code = "T701"
    name = "typo"
    family = "text"
    default_severity = Severity.WARNING
    packs = ("terms",)
    template = Message(
        id="Salah ketik: \"{actual}\", seharusnya \"{expected}\"",
        en="Misspelling: \"{actual}\" should be \"{expected}\"",
    )
    variant_template = Message(
        id="Ejaan tidak baku: \"{actual}\", bentuk baku \"{expected}\"",
        en="Non-standard spelling: \"{actual}\", standard form \"{expected}\"",
    )
    fuzzy_template = Message(
        id="Kemungkinan salah ketik: \"{actual}\", maksudnya \"{expected}\"?",
        en="Possible misspelling: \"{actual}\", meant \"{expected}\"?",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        vocab = vocabulary(ctx)
        seen: set[tuple[str, tuple[Any, ...]]] = set()
        for text, loc in _texts(report):
            for match in _WORD.finditer(text):
                word = match.group(0)
                key = (word.lower(), _loc_key(loc))
                if key in seen:
                    continue
                finding = self._judge(word, loc, vocab, _wrapped(text, match))
                if finding is not None:
                    seen.add(key)
                    yield finding

    def _judge(self, word: str, loc: Location, vocab: _Vocabulary,
               wrapped: bool = False) -> Finding | None:
        lower = word.lower()
        known = vocab.misspellings.get(lower)
        if known is not None:
            fix = _with_case(known.right, word)
            info = known.severity is Severity.INFO
            return self.finding(loc, actual_text=word, expected_text=fix,
                                severity=known.severity,
                                template=self.variant_template if info else None)
        fuzzy = vocab.fuzzy
        if (wrapped or len(word) < fuzzy.min_length or lower in vocab.valid
                or _acronym_like(word)):
            return None
        best, best_distance = None, None
        for term in vocab.terms:
            if abs(len(term) - len(lower)) > fuzzy.max_length_difference:
                continue
            if fuzzy.same_first_letter and term[0] != lower[0]:
                continue
            limit = fuzzy.distance_for(min(len(term), len(lower)))
            distance = OSA.distance(lower, term, score_cutoff=limit)
            if distance <= limit and (best_distance is None or distance < best_distance):
                best, best_distance = term, distance
        if best is None or best_distance == 0 or _derived(lower, vocab.valid):
            return None
        fix = _with_case(vocab.terms[best], word)
        return self.finding(loc, actual_text=word, expected_text=fix,
                            template=self.fuzzy_template)


# --------------------------------------------------------------------------------------------
# T702

_REPEATED = re.compile(r"(?<![\w-])([^\W\d_]{3,})(\s+)(\1)(?![\w-])", re.IGNORECASE)


@register
class RepeatedWord(Rule):
    """The same word is written twice in a row.

    ## What it checks
    Two identical words (case-insensitive, 3+ letters, no digits) separated only by white
    space, in narrative and in table cells: "Meningkatnya Meningkatnya akuntabilitas".
    Reduplication is not a repetition: hyphenated forms (``rata-rata``, ``masing-masing``)
    never match, and the reduplication bases in the ``terms`` pack (``rata rata``) are
    left alone when the hyphen is missing.

    ## Why it matters
    A doubled word in a sasaran or indicator name is copied into every later document that
    quotes the PK, and marks the report as unproofread.

    ## Example (fails)
    Tabel 2.1: "Meningkatnya Meningkatnya akuntabilitas pemerintahan desa".

    ## Example (passes)
    "Rata-rata persentase desa …", "masing-masing kasi", "tahun 2023 2023" (numbers).
    """

    code = "T702"
    name = "repeated-word"
    family = "text"
    default_severity = Severity.WARNING
    packs = ("terms",)
    template = Message(
        id="Kata berulang: \"{actual}\", seharusnya \"{expected}\"",
        en="Repeated word: \"{actual}\" should be \"{expected}\"",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        vocab = vocabulary(ctx)
        seen: set[tuple[str, tuple[Any, ...]]] = set()
        for text, loc in _texts(report):
            for match in _REPEATED.finditer(text):
                word = match.group(1)
                if word.lower() in vocab.reduplication:
                    continue
                key = (word.lower(), _loc_key(loc))
                if key in seen:
                    continue
                seen.add(key)
                written = f"{match.group(1)} {match.group(3)}"
                yield self.finding(loc, actual_text=written, expected_text=word)


# --------------------------------------------------------------------------------------------
# T703: decimal comma and decimal point mixed in one column.

_DECIMAL_COMMA = re.compile(r"^-?\d+,(\d{1,2}|\d{4,})%?$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.(\d{1,2}|\d{4,})%?$")


def _decimal_mark(raw: str) -> str | None:
    """',' or '.' when the printed number unambiguously uses it as the decimal mark."""
    compact = re.sub(r"\s+", "", raw)
    if _DECIMAL_COMMA.match(compact):
        return ","
    if _DECIMAL_POINT.match(compact):
        return "."
    return None


@register
class MixedDecimalMark(Rule):
    """A column prints some decimals with a comma and others with a point.

    ## What it checks
    In each numeric column of a recognised table, the cells whose decimal mark is
    unambiguous (``87,5`` and ``93.6``; not ``1.250``, which may be thousands). When both
    marks occur, the cells using the less common one are reported, once per column.

    ## Why it matters
    ``93.6`` beside ``87,5`` is read as 936 by software that follows the Indonesian
    convention (domain.md section 9: SAKIP apps turn ``95,5`` into 955); the reader of the
    report cannot know which convention a bare ``1.250`` follows. A document may use decimal
    points throughout (web-app exports): that is a style, not a defect, and is not reported.

    ## Example (fails)
    Capaian (%): ``104,00``, ``87.50``, ``120,00`` — row 2 uses a point.

    ## Example (passes)
    Capaian (%): ``104.00``, ``87.50``, ``120.00`` beside a Pagu column ``Rp 45.250.000``.
    """

    code = "T703"
    name = "mixed-decimal-mark"
    family = "text"
    default_severity = Severity.WARNING
    template = Message(
        id="Kolom {column_label} memakai koma desimal dan titik desimal sekaligus: {minority} "
           "(tertulis {actual}), sedangkan {majority} baris lain memakai '{mark}'",
        en="Column {column_label} mixes decimal commas and decimal points: {minority} (printed "
           "{actual}), while {majority} other rows use '{mark}'",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        for view in report.views:
            for column in view.columns:
                if column.role in ("pagu", "realisasi_anggaran"):
                    continue  # money: thousands separators only
                marks: dict[str, list[Any]] = {",": [], ".": []}
                for row in view.rows:
                    quantity = getattr(row, column.role, None) if column.role.isidentifier() else None
                    if quantity is None or not hasattr(quantity, "raw"):
                        continue
                    mark = _decimal_mark(quantity.raw)
                    if mark:
                        marks[mark].append(quantity)
                if not marks[","] or not marks["."]:
                    continue
                majority, minority = (",", ".") if len(marks[","]) >= len(marks["."]) else (".", ",")
                first = marks[minority][0]
                yield self.finding(
                    first.loc, column=column.label, actual_text=first.raw,
                    column_label=column.label, minority=_rows_text(marks[minority]), majority=len(marks[majority]),
                    mark=majority,
                )


def _rows_text(quantities: list[Any]) -> Message:
    rows = ", ".join(str((q.loc.row or 0) + 1) for q in quantities)
    return Message(id=f"baris {rows}", en=f"row(s) {rows}")
