"""Indonesian and English number conventions: parse printed numbers, format expected ones.

A report prints numbers in several conventions, often in one document (``domain.md`` §9):
Indonesian ``1.250.000,50`` (the standard), English ``1,250,000.50`` (web-app exports) and
Indonesian text with decimal points for percentages (``87.5``). :func:`parse_quantity` reads one
printed cell into a :class:`~lapkin_audit.model.Quantity`; :func:`column_style` decides which
convention a column (or document) uses, from the evidence of its own cells, so that the one
truly ambiguous shape (``1.250`` / ``1,250``: one separator followed by exactly three digits)
can be settled per column.

Decisions worth knowing:

* Values are :class:`~decimal.Decimal`, built from the printed digits; never ``float``.
* A multiplier word (``12,5 Milyar``, ``97,56Milyar``, ``Rp 1,2 M``) does **not** scale the
  value: ``value`` is the printed number and ``unit_text`` keeps the word, so the printed
  precision (``decimals``) stays meaningful. :func:`scaled_value` applies the multiplier.
* ``unit_text`` is the unit as printed: the word after the number (``Org``, ``Desa/Kel``,
  ``Milyar``), else the currency or percent mark as printed (``Rp.``, ``RP``, ``%``,
  ``persen``). It is None when the unit comes only from the column header (``(%)``).
* Rupiah never has three decimals, so ``Rp 1.250`` and ``Rp 1,250`` are 1250 without
  ambiguity.
* Without a ``style`` the ambiguous shape is read the Indonesian way (dot = thousands,
  comma = decimal), which is also how :func:`format_number` prints, and ``ambiguous`` says so.
* PDF text in narrow cells wraps inside numbers (``'Rp\\n371.041.\\n745'``). Fragments are
  joined when the join is a well-formed number and a fragment cannot stand alone, or, for
  fragments that can, when the join is a grouped number whose lines fit a wrap (see
  :func:`join_wrapped_numbers`); two numbers on two lines (``'85%\\n90%'``,
  ``'85,5\\n90'``) stay apart and the cell is noted as holding several numbers.
* :func:`parse_quantity` never raises: anything it cannot read gets ``value=None`` and a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from lapkin_audit.model import Quantity, Unit


class NumberStyle(str, Enum):
    INDONESIAN = "id"  # 1.250.000,50
    ENGLISH = "en"  # 1,250,000.50
    UNKNOWN = "unknown"


# --------------------------------------------------------------------------------------------
# Number cores: the digits-and-separators part of a printed number ("1.250.000,50").

_INTEGER = re.compile(r"[0-9]+")
_GROUPED_INTEGER = {
    ".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+"),
    ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+"),
}
_GROUPED_WITH_DECIMALS = {
    ".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*,[0-9]+"),  # group '.', decimal ','
    ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]+"),  # group ',', decimal '.'
}

_OTHER_MARK = {".": ",", ",": "."}
_STYLE_OF_DECIMAL_MARK = {",": NumberStyle.INDONESIAN, ".": NumberStyle.ENGLISH}


@dataclass(frozen=True)
class _Core:
    """How the separators of a number core read, before any style is applied.

    ``ambiguous_mark`` is set for ``1.250`` / ``1,250``: one separator, three digits after,
    one to three digits before. Then ``integer`` / ``fraction`` hold the two sides.
    """

    integer: str = ""
    fraction: str = ""
    decimal_mark: str | None = None
    group_mark: str | None = None
    ambiguous_mark: str | None = None
    malformed: bool = False

    def style_evidence(self) -> NumberStyle | None:
        """The convention this core proves, if any (a decimal or grouping mark was seen)."""
        if self.decimal_mark:
            return _STYLE_OF_DECIMAL_MARK[self.decimal_mark]
        if self.group_mark:
            return _STYLE_OF_DECIMAL_MARK[_OTHER_MARK[self.group_mark]]
        return None


def _read_core(core: str) -> _Core:
    """Classify a core made of digits, dots and commas (starting and ending with a digit)."""
    if _INTEGER.fullmatch(core):
        return _Core(integer=core)
    has_dot, has_comma = "." in core, "," in core
    if has_dot and has_comma:
        decimal_mark = "." if core.rfind(".") > core.rfind(",") else ","
        group_mark = _OTHER_MARK[decimal_mark]
        if not _GROUPED_WITH_DECIMALS[group_mark].fullmatch(core):
            return _Core(malformed=True)
        integer, _, fraction = core.rpartition(decimal_mark)
        return _Core(integer.replace(group_mark, ""), fraction, decimal_mark, group_mark)
    mark = "." if has_dot else ","
    if core.count(mark) > 1:
        if not _GROUPED_INTEGER[mark].fullmatch(core):
            return _Core(malformed=True)
        return _Core(integer=core.replace(mark, ""), group_mark=mark)
    integer, _, fraction = core.partition(mark)
    if len(fraction) != 3 or len(integer) > 3 or integer.startswith("0"):
        # "93.6", "87,5", "1250.000", "0,125": only a decimal mark can sit there.
        return _Core(integer, fraction, decimal_mark=mark)
    return _Core(integer, fraction, ambiguous_mark=mark)


def _is_well_formed(core: str) -> bool:
    if not core or not core[0].isdigit() or not core[-1].isdigit():
        return False
    return not _read_core(core).malformed


def _separator_count(core: str) -> int:
    return core.count(".") + core.count(",")


# --------------------------------------------------------------------------------------------
# Whitespace inside numbers (narrow PDF cells wrap long amounts over several lines).

_PIECE = re.compile(r"\S+")
_NUMERIC_TAIL = re.compile(r"[0-9][0-9.,]*$")
_NUMERIC_HEAD = re.compile(r"^[0-9.,]+")
_GROUPED_PREFIX = (  # a grouped number cut inside a group, or right after a separator
    re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*\.[0-9]{0,2}"),
    re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*,[0-9]{0,2}"),
)
_CURRENCY_MARK = re.compile(r"(?:Rp|IDR)\.?", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[\n\r\v\f\u2028\u2029]")
MAX_NUMBER_LENGTH = 40
"""Longer digit runs are not one printed number (and joining them would cost quadratic time)."""
MAX_EXTRA_WRAPPED_WIDTH = 1
"""A wrapped line is never wider than the line it continues (one character of slack for
proportional fonts)."""


def _is_number_prefix(text: str) -> bool:
    """Whether more digits could still make ``text`` a well-formed number (``1.000.00``)."""
    if text[-1] in ".," and _is_well_formed(text[:-1]):
        return True
    return any(prefix.fullmatch(text) for prefix in _GROUPED_PREFIX)


def _line_width_before(text: str, end: int) -> int:
    """Printed width of the line that ends at ``end`` (from its line break to ``end``)."""
    line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    return len(text[line_start:end].strip())


def _line_width_after(text: str, start: int) -> int:
    """Printed width of the line from ``start`` to its end."""
    line_break = _LINE_BREAK.search(text, start)
    return len(text[start : line_break.start() if line_break else len(text)].strip())


def _stands_alone(fragment: str) -> bool:
    """Whether a fragment reads as a number by itself (``00`` and ``050`` do not)."""
    leading_zeros = len(fragment) > 1 and fragment[0] == "0" and fragment[1].isdigit()
    return _is_well_formed(fragment) and not leading_zeros


class _Join(Enum):
    NO = "no"
    YES = "yes"
    IF_COMPLETED = "if completed"  # keep only if the run ends in a complete number


def _join_decision(
    left: str,
    right: str,
    text: str,
    *,
    left_end: int,
    right_start: int,
    left_wrapped: bool,
    money: bool,
) -> _Join:
    """Whether ``left`` (ending at ``left_end``) and ``right`` are one number split by whitespace.

    The join must be a well-formed number (or the start of one, more fragments to come). A
    fragment that cannot stand alone as a number (``1.652.30``, ``371.041.``, ``.000``,
    ``00``), or a ``left`` already joined from a wrap, is then a wrap, except a comma followed
    by a plain space: ``85, 90`` is a list. Two fragments that are numbers on their own are
    joined only across a line break, when the second line is no wider than the first (as a
    wrapped line never is) and the join has at least two separators (one in a Rupiah cell,
    which holds one amount); if the join is only the start of a number (``184.2`` +
    ``10.00``), it stands only if later lines complete it (``+ 0``). So ``1.25`` + ``0.000``
    is ``1.250.000``, while ``85`` + ``90``, ``85,5`` + ``90``, ``1.25`` + ``1.25`` and
    ``85`` + ``1.250.000`` stay apart.
    """
    joined = left + right
    complete = _is_well_formed(joined)
    if len(joined) > MAX_NUMBER_LENGTH or not (complete or _is_number_prefix(joined)):
        return _Join.NO
    line_break = _LINE_BREAK.search(text, left_end, right_start) is not None
    if left.endswith(",") and not line_break:
        return _Join.NO
    if left_wrapped or not _stands_alone(left) or not _stands_alone(right):
        return _Join.YES
    if (
        line_break
        and _separator_count(joined) >= (1 if money else 2)
        and _line_width_after(text, right_start)
        <= _line_width_before(text, left_end) + MAX_EXTRA_WRAPPED_WIDTH
    ):
        return _Join.YES if complete else _Join.IF_COMPLETED
    return _Join.NO


def _follows_currency(joined: str, tail_start: int, previous: str | None) -> bool:
    """Whether the number ending ``joined`` is printed after ``Rp`` (glued or not)."""
    before = joined[:tail_start] or (previous or "")
    return _CURRENCY_MARK.fullmatch(before.strip("(-")) is not None


def _join_run(
    pieces: list[re.Match[str]], first: int, text: str, previous: str | None
) -> tuple[str, int]:
    """Join ``pieces[first]`` with the fragments that continue it; (joined text, next index)."""
    joined, core = pieces[first].group(), ""
    index, wrapped = first + 1, False
    checkpoint: tuple[str, int] | None = None  # state before a join that must be completed
    while index < len(pieces):
        tail = _NUMERIC_TAIL.search(joined)
        head = _NUMERIC_HEAD.match(pieces[index].group())
        if not tail or not head:
            break
        decision = _join_decision(
            tail.group(),
            head.group(),
            text,
            left_end=pieces[index - 1].end(),
            right_start=pieces[index].start(),
            left_wrapped=wrapped,
            money=_follows_currency(joined, tail.start(), previous),
        )
        if decision is _Join.NO:
            break
        if decision is _Join.IF_COMPLETED and checkpoint is None:
            checkpoint = (joined, index)
        core = tail.group() + head.group()
        joined += pieces[index].group()
        index, wrapped = index + 1, True
        if checkpoint and _is_well_formed(core):
            checkpoint = None
    return checkpoint or (joined, index)


def join_wrapped_numbers(text: str) -> str:
    """Remove line breaks and spaces inside numeric tokens; other whitespace becomes one space.

    ``'Rp\\n1.001.749.03\\n7'`` → ``'Rp 1.001.749.037'``; ``'85%\\n90%'`` → ``'85% 90%'``.
    """
    pieces = list(_PIECE.finditer(text))
    out: list[str] = []
    index = 0
    while index < len(pieces):
        joined, index = _join_run(pieces, index, text, out[-1] if out else None)
        out.append(joined)
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Cell grammar.

_NORMALISE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2212": "-",  # minus sign
        "\u2009": " ",  # thin space
        "\uff05": "%",  # full-width percent
    }
)
_EN_DASH_BEFORE_DIGIT = re.compile(r"[\u2013\u2014](?=\s*[0-9])")

_CELL = re.compile(
    r"""
    (?P<comparator>[<>\u2264\u2265]=?|\u00b1|~)?\s*
    (?P<open>\()?\s*
    (?P<sign>[-+])?\s*
    (?P<currency>(?:Rp|IDR)\.?)?\s*
    (?P<open2>\()?\s*
    (?P<sign2>[-+])?\s*
    (?P<core>[0-9](?:[0-9.,]*[0-9])?)
    (?P<nocents>[.,]-{1,2})?
    \s*(?P<close>\))?
    \s*(?P<percent>%|persen\b|prosen\b)?
    \s*(?P<close2>\))?
    \s*(?P<words>[^\W\d_][^()]*?)?
    \s*(?P<annotation>\([^()]*\))?
    \s*(?P<mark>\*+|[.;:])?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_CURRENCY_ONLY = re.compile(r"(?:Rp|IDR)\.?\s*", re.IGNORECASE)
_SPREADSHEET_ERROR = re.compile(r"#(?:N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"[0-9](?:[0-9.,]*[0-9])?")
_LETTER = re.compile(r"[^\W\d_]")

PLACEHOLDERS: dict[str, str] = {
    "-": "dash",
    "--": "dash",
    "–": "dash",
    "—": "dash",
    "n/a": "n/a (not applicable)",
    "n.a": "n/a (not applicable)",
    "n.a.": "n/a (not applicable)",
    "na": "n/a (not applicable)",
    "bb": "BB",
    "nihil": "nihil (nil)",
    "x": "x",
    "?": "question mark",
}
"""Cell texts that stand for "no value" (lower-cased), with how a note names them."""

MAX_UNIT_WORDS = 3
"""More words than this after a number make the cell prose, not a number with a unit."""

MULTIPLIER_WORDS: dict[str, Decimal] = {
    "ribu": Decimal(10) ** 3,
    "rb": Decimal(10) ** 3,
    "juta": Decimal(10) ** 6,
    "jt": Decimal(10) ** 6,
    "milyar": Decimal(10) ** 9,
    "miliar": Decimal(10) ** 9,
    "m": Decimal(10) ** 9,  # only with Rupiah: "45 M" alone may be metres
    "triliun": Decimal(10) ** 12,
    "trilyun": Decimal(10) ** 12,
    "t": Decimal(10) ** 12,  # only with Rupiah
}
_RUPIAH_ONLY_MULTIPLIERS = frozenset({"m", "t"})


def _normalise(text: str) -> str:
    text = _EN_DASH_BEFORE_DIGIT.sub("-", text.translate(_NORMALISE))
    return join_wrapped_numbers(text)


def _not_a_number(raw: str, note: str, unit: Unit = Unit.NONE) -> Quantity:
    return Quantity(raw=raw, unit=unit, note=note)


def _reading_of_failed_cell(raw: str, text: str, unit: Unit) -> Quantity:
    """Explain why a cell that does not fit the grammar is not one number."""
    tokens = _NUMBER_TOKEN.findall(text)
    letters = _LETTER.findall(_CURRENCY_ONLY.sub("", text).lower().replace("persen", ""))
    if len(tokens) >= 2 and not letters:
        return _not_a_number(raw, f"several numbers in one cell: {text}", unit)
    return _not_a_number(raw, "text, not a number", unit)


def _resolve_core(
    core: _Core, *, style: NumberStyle | None, money: bool, printed: str
) -> tuple[str, str, str | None]:
    """Integer digits, fraction digits and an ambiguity reason for a well-formed core."""
    mark = core.ambiguous_mark
    if mark is None:
        return core.integer, core.fraction, None
    if money:
        return core.integer + core.fraction, "", None  # Rupiah never has three decimals
    if style in (NumberStyle.INDONESIAN, NumberStyle.ENGLISH):
        thousands = _STYLE_OF_DECIMAL_MARK[_OTHER_MARK[mark]] is style
        reason = None
    else:
        thousands = mark == "."  # the Indonesian reading: dot groups, comma is decimal
        reason = (
            f"{printed!r}: one {mark!r} followed by three digits, read as "
            + ("a thousands separator" if thousands else "a decimal mark")
            + " (Indonesian style); no evidence in the column"
        )
    if thousands:
        return core.integer + core.fraction, "", reason
    return core.integer, core.fraction, reason


def _unit_of(
    match: re.Match[str], words: str | None, percent_column: bool
) -> tuple[Unit, str | None]:
    currency, percent = match.group("currency"), match.group("percent")
    if currency:
        return Unit.RUPIAH, words or currency
    if percent:
        return Unit.PERCENT, percent
    if words:
        return Unit.OTHER, words
    if percent_column:
        return Unit.PERCENT, None
    return Unit.NONE, None


def parse_quantity(
    text: str, *, style: NumberStyle | None = None, percent_column: bool = False
) -> Quantity:
    """Read one printed value (a table cell) into a Quantity (value, unit, decimals).

    ``style`` is the column's convention (from :func:`column_style`); it only settles the
    ambiguous ``1.250`` / ``1,250``. ``percent_column`` says the header carries ``(%)``.
    Never raises: unreadable text gives ``value=None`` and a ``note``.
    """
    raw = text
    try:
        return _parse(raw, style=style, percent_column=percent_column)
    except Exception as exc:  # noqa: BLE001 - one odd cell must never stop the audit
        return Quantity(raw=raw, note=f"unreadable number ({type(exc).__name__})")


def _parse(raw: str, *, style: NumberStyle | None, percent_column: bool) -> Quantity:
    text = _normalise(raw)
    column_unit = Unit.PERCENT if percent_column else Unit.NONE
    if not text:
        return _not_a_number(raw, "empty cell", column_unit)
    currency = _CURRENCY_ONLY.match(text)
    placeholder = PLACEHOLDERS.get(text[currency.end() if currency else 0 :].strip().lower())
    if placeholder:
        unit = Unit.RUPIAH if currency else column_unit  # "Rp -": no amount
        return _not_a_number(raw, f"placeholder {placeholder}, no value printed", unit)
    if _SPREADSHEET_ERROR.fullmatch(text):
        return _not_a_number(raw, f"spreadsheet error {text}, not a number", column_unit)

    match = _CELL.fullmatch(text)
    if match is None:
        return _reading_of_failed_cell(raw, text, column_unit)
    opens = bool(match.group("open")) + bool(match.group("open2"))
    closes = bool(match.group("close")) + bool(match.group("close2"))
    if opens != closes:
        return _not_a_number(raw, "unbalanced parenthesis around a number", column_unit)

    words = match.group("words")
    notes: list[str] = []
    if words and len(words.split()) > MAX_UNIT_WORDS:
        return _not_a_number(raw, "text starting with a number, not a number", column_unit)
    if words and match.group("percent"):
        notes.append(f"text after the number: {words!r}")  # "100% dari target": not a unit
        words = None

    printed_core = match.group("core")
    core = _read_core(printed_core)
    if core.malformed:
        return _not_a_number(raw, f"malformed number {printed_core!r}", column_unit)
    unit, unit_text = _unit_of(match, words, percent_column)
    nocents = match.group("nocents")
    if core.ambiguous_mark and nocents and nocents[0] != core.ambiguous_mark:
        core = _Core(core.integer + core.fraction, group_mark=core.ambiguous_mark)  # "1.000,-"
    integer, fraction, ambiguous = _resolve_core(
        core, style=style, money=unit is Unit.RUPIAH, printed=printed_core
    )

    value = Decimal(integer + ("." + fraction if fraction else ""))
    if opens or "-" in (match.group("sign"), match.group("sign2")):
        value = -value
    if match.group("comparator"):
        notes.append(f"printed with comparator {match.group('comparator')!r}: a bound")
    if match.group("annotation"):
        notes.append(f"annotation {match.group('annotation')!r} printed with the number")
    if match.group("mark") and match.group("mark").startswith("*"):
        notes.append("footnote mark after the number")
    return Quantity(
        raw=raw,
        value=value,
        unit=unit,
        unit_text=unit_text,
        decimals=len(fraction),
        ambiguous=ambiguous,
        note="; ".join(notes) or None,
    )


def scaled_value(quantity: Quantity) -> Decimal | None:
    """The value times the multiplier word in ``unit_text`` (``12,5 Milyar`` → 12 500 000 000).

    ``M`` and ``T`` count as Milyar / Triliun only in Rupiah cells. Without a multiplier word
    the value is returned unchanged.
    """
    if quantity.value is None:
        return None
    word = (quantity.unit_text or "").strip(" .").lower()
    factor = MULTIPLIER_WORDS.get(word)
    if factor is None or (word in _RUPIAH_ONLY_MULTIPLIERS and quantity.unit is not Unit.RUPIAH):
        return quantity.value
    return quantity.value * factor


# --------------------------------------------------------------------------------------------
# Column style.

_EVIDENCE_TOKEN = re.compile(
    r"(?P<currency>(?:Rp|IDR)\.?\s*)?(?P<core>[0-9](?:[0-9.,]*[0-9])?)(?P<nocents>[.,]-)?",
    re.IGNORECASE,
)
MAJORITY_NUMERATOR, MAJORITY_DENOMINATOR = 3, 4
"""A convention wins a column when at least 3/4 of the cells that prove one agree."""


def _evidence_of_token(match: re.Match[str]) -> NumberStyle | None:
    core = _read_core(match.group("core"))
    if core.malformed:
        return None
    evidence = core.style_evidence()
    if evidence is not None:
        return evidence
    if core.ambiguous_mark and match.group("currency"):
        return _STYLE_OF_DECIMAL_MARK[_OTHER_MARK[core.ambiguous_mark]]  # "Rp 1.250": grouping
    nocents = match.group("nocents")
    if nocents:
        return _STYLE_OF_DECIMAL_MARK[nocents[0]]  # "1.000,-": the comma is the decimal mark
    return None


def column_style(texts: list[str]) -> NumberStyle:
    """Decide the number convention of a column (or document) from the evidence in its cells.

    Evidence is what a separator provably is: ``1.250.000`` and ``87,5`` prove Indonesian,
    ``1,250,000.50`` and ``93.6`` prove English (a decimal point; an Indonesian document that
    prints percentages that way is, for that column, using the English marks, which is what
    settling ``1.250`` needs). Plain integers and ``1.250`` alone prove nothing. Returns the
    convention backed by at least 3/4 of the evidence, else UNKNOWN.
    """
    votes = {NumberStyle.INDONESIAN: 0, NumberStyle.ENGLISH: 0}
    for text in texts:
        for match in _EVIDENCE_TOKEN.finditer(_normalise(text)):
            evidence = _evidence_of_token(match)
            if evidence is not None:
                votes[evidence] += 1
    total = sum(votes.values())
    for style, count in votes.items():
        if total and count * MAJORITY_DENOMINATOR >= total * MAJORITY_NUMERATOR:
            return style
    return NumberStyle.UNKNOWN


# --------------------------------------------------------------------------------------------
# Formatting.


def format_number(
    value: Decimal,
    decimals: int = 2,
    unit: Unit = Unit.NONE,
    *,
    style: NumberStyle = NumberStyle.INDONESIAN,
) -> str:
    """Format in Indonesian style for messages: 58,82% · Rp 2.520.758.374 · 1.250,5.

    ``style=NumberStyle.ENGLISH`` prints ``1,250.5`` instead (for echoing English columns).
    """
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    if style is NumberStyle.ENGLISH:
        grouped, decimal_mark = f"{int(integer):,}", "."
    else:
        grouped, decimal_mark = f"{int(integer):,}".replace(",", "."), ","
    text = sign + grouped + (decimal_mark + fraction if fraction else "")
    if unit is Unit.PERCENT:
        return text + "%"
    if unit is Unit.RUPIAH:
        return "Rp " + text
    return text
