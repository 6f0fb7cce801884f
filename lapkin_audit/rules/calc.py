"""Decimal arithmetic shared by the rule modules: agreement at printed precision, polarity,
capaian formulas and the diagnosis of a printed capaian that does not reproduce.

Everything here computes in :class:`~decimal.Decimal` (never float). Percentages are in
percent (``58.82``), as in :class:`~lapkin_audit.model.Quantity`.

Public API
----------
- :func:`agrees` - does a recomputed value give the printed one at its printed precision
  (half-up rounding or truncation, domain.md 3.4)?
- :class:`Polarity`, :func:`infer_polarity`, :func:`polarity_evidence` - lower-is-better or
  higher-is-better, with the evidence (domain.md 3.6; vocabulary from the ``polarity`` pack).
- :func:`capaian_candidates`, :func:`accepted_formulas`, :func:`expected_capaian`.
- :func:`diagnose` / :class:`Diagnosis` - which formula, rounding or cap reproduces a printed
  capaian, with a bilingual explanation (domain.md 3.5).
- Pack access: :func:`tolerances`, :func:`polarity_vocabulary` (validated, cached per pack).
- Display helpers: :func:`pct`, :func:`show`, :func:`view_column_label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lapkin_audit.model import Message, Quantity, TableView, Unit, ViewRow
from lapkin_audit.parse.numbers import format_number

HUNDRED = Decimal(100)

# Candidate formula names (keys of capaian_candidates), in diagnosis order.
R_T = "R/T"
T_R = "T/R"
NEG_STD = "(2T-R)/T"
REDUCTION = "(T-R)/T"
FORMULAS = (R_T, T_R, NEG_STD, REDUCTION)

FORMULA_SYMBOL = {R_T: "R/T", T_R: "T/R", NEG_STD: "(2T−R)/T", REDUCTION: "(T−R)/T"}
"""Formula names as printed in messages (true minus sign)."""

FORMULA_TEXT: dict[str, Message] = {
    R_T: Message(id="realisasi ÷ target", en="realisasi ÷ target"),
    T_R: Message(id="target ÷ realisasi", en="target ÷ realisasi"),
    NEG_STD: Message(id="(2 × target − realisasi) ÷ target",
                     en="(2 × target − realisasi) ÷ target"),
    REDUCTION: Message(id="(target − realisasi) ÷ target", en="(target − realisasi) ÷ target"),
}


# --------------------------------------------------------------------------------------------
# Regulation pack sections (validated).


class _Section(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Rounding(_Section):
    modes: list[str] = Field(default_factory=lambda: ["half_up", "truncate"])


class _NegativeConventions(_Section):
    accepted: list[str] = Field(default_factory=lambda: [NEG_STD, T_R])


class _Caps(_Section):
    values: list[Decimal] = Field(
        default_factory=lambda: [Decimal(100), Decimal(120), Decimal(200)])


class _Totals(_Section):
    tolerance_units: Decimal = Decimal(1)


class _Plausibility(_Section):
    percent_realisasi_max: Decimal = Decimal(100)
    exempt_words: list[str] = Field(default_factory=list)
    realisasi_above_pagu: bool = True


class _CopiedColumn(_Section):
    min_rows: int = 2
    absorption_words: list[str] = Field(default_factory=list)


class _Efficiency(_Section):
    methods: list[str] = Field(default_factory=lambda: ["difference", "ratio", "unspent"])


class Tolerances(_Section):
    """The ``tolerances`` pack section."""

    rounding: _Rounding = Field(default_factory=_Rounding)
    negative_conventions: _NegativeConventions = Field(default_factory=_NegativeConventions)
    caps: _Caps = Field(default_factory=_Caps)
    totals: _Totals = Field(default_factory=_Totals)
    plausibility: _Plausibility = Field(default_factory=_Plausibility)
    copied_column: _CopiedColumn = Field(default_factory=_CopiedColumn)
    efficiency: _Efficiency = Field(default_factory=_Efficiency)

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(self.rounding.modes)


class _CueGroup(_Section):
    terms: list[str] = Field(default_factory=list)


class _TargetCues(_Section):
    negative: _CueGroup = Field(default_factory=_CueGroup)
    positive: _CueGroup = Field(default_factory=_CueGroup)


class _ZeroTarget(_Section):
    polarity: str | None = "negative"


class PolarityVocabulary(_Section):
    """The ``polarity`` pack section."""

    negative_cues: list[_CueGroup] = Field(default_factory=list)
    positive_cues: list[_CueGroup] = Field(default_factory=list)
    target_cues: _TargetCues = Field(default_factory=_TargetCues)
    zero_target: _ZeroTarget = Field(default_factory=_ZeroTarget)
    indicators: dict[str, str] = Field(default_factory=dict)

    def negative_terms(self) -> list[str]:
        return [t for g in self.negative_cues for t in g.terms]

    def positive_terms(self) -> list[str]:
        return [t for g in self.positive_cues for t in g.terms]


def _pack_or_default(pack: Any) -> Any:
    if pack is None:
        from lapkin_audit.packs import load_pack

        return load_pack()
    return pack


def validate_section(pack: Any, name: str, model: type[BaseModel]) -> Any:
    """A pack section validated with ``model``; a malformed section is a PackError (a
    configuration error, exit 2), not a rule crash."""
    from pydantic import ValidationError

    from lapkin_audit.packs import PackError

    try:
        return model.model_validate(pack.section(name) or {})
    except ValidationError as exc:
        raise PackError(f"regulation pack {getattr(pack, 'name', pack)!r}, section "
                        f"{name!r}: {exc}") from exc


@lru_cache(maxsize=32)
def _tolerances_cached(pack: Any) -> Tolerances:
    return validate_section(pack, "tolerances", Tolerances)


@lru_cache(maxsize=32)
def _polarity_cached(pack: Any) -> PolarityVocabulary:
    return validate_section(pack, "polarity", PolarityVocabulary)


def tolerances(pack: Any = None) -> Tolerances:
    """The validated ``tolerances`` section of ``pack`` (default pack when None)."""
    return _tolerances_cached(_pack_or_default(pack))


def polarity_vocabulary(pack: Any = None) -> PolarityVocabulary:
    """The validated ``polarity`` section of ``pack`` (default pack when None)."""
    return _polarity_cached(_pack_or_default(pack))


# --------------------------------------------------------------------------------------------
# Agreement at printed precision.


def quantize(value: Decimal, decimals: int, mode: str) -> Decimal:
    """Round ``value`` to ``decimals`` places: ``half_up`` or ``truncate`` (toward zero)."""
    quantum = Decimal(1).scaleb(-decimals)
    rounding = ROUND_DOWN if mode == "truncate" else ROUND_HALF_UP
    return value.quantize(quantum, rounding=rounding)


def agrees(
    printed: Quantity, computed: Decimal | None, modes: tuple[str, ...] | list[str] | None = None
) -> str | None:
    """How ``computed`` reproduces ``printed`` at the printed number of decimals.

    Returns ``"round"`` when half-up rounding gives the printed value, ``"truncate"`` when only
    truncation does, None otherwise (or when either value is missing). ``modes`` restricts
    the modes tried (the ``tolerances`` pack's ``rounding.modes``; default both).
    """
    if printed is None or printed.value is None or computed is None:
        return None
    return agrees_value(printed.value, printed.decimals, computed, modes)


def agrees_value(
    value: Decimal,
    decimals: int | None,
    computed: Decimal,
    modes: tuple[str, ...] | list[str] | None = None,
) -> str | None:
    """:func:`agrees` on a bare value and its printed number of decimals."""
    modes = tuple(modes) if modes else ("half_up", "truncate")
    places = decimals if decimals is not None else _decimals_of(value)
    try:
        if "half_up" in modes and quantize(computed, places, "half_up") == value:
            return "round"
        if "truncate" in modes and quantize(computed, places, "truncate") == value:
            return "truncate"
    except InvalidOperation:
        return None
    return None


def _decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def same_value(
    a: Quantity | None, b: Quantity | None, modes: tuple[str, ...] | None = None
) -> bool | None:
    """Do two printed values state the same number, allowing for different precision?

    ``50%`` and ``50,00%`` agree; ``77%`` and ``77,4%`` agree when 77,4 rounds or truncates
    to 77. None when either is not a number, or their units are incompatible.
    """
    if a is None or b is None or a.value is None or b.value is None:
        return None
    if not units_compatible(a, b):
        return None
    if a.value == b.value:
        return True
    coarse, fine = (a, b) if _places(a) <= _places(b) else (b, a)
    return agrees(coarse, fine.value, modes) is not None


def _places(q: Quantity) -> int:
    return q.decimals if q.decimals is not None else _decimals_of(q.value or Decimal(0))


def units_compatible(a: Quantity, b: Quantity) -> bool:
    """Units that can be compared or divided: equal, or one of them unstated."""
    if a.unit is Unit.NONE or b.unit is Unit.NONE:
        return True
    if a.unit is not b.unit:
        return False
    if a.unit is Unit.OTHER:  # "12 Desa" and "3 dokumen" are not the same unit
        return (a.unit_text or "").strip().lower() == (b.unit_text or "").strip().lower()
    return True


# --------------------------------------------------------------------------------------------
# Polarity.


class Polarity(str, Enum):
    POSITIVE = "positive"  # higher is better
    NEGATIVE = "negative"  # lower is better


@dataclass
class PolarityEvidence:
    """Polarity with the evidence behind it (for messages and warnings)."""

    polarity: Polarity
    source: str  # "target", "override", "wording", "zero-target", "default"
    reason: str  # short English phrase
    message: Message  # bilingual phrase for findings
    cues: list[str] = field(default_factory=list)
    caution: bool = False  # a negative cue was overruled by a reduction/handling word


def fold(text: str) -> str:
    """Lower-case, punctuation folded to spaces, spaces collapsed (for cue matching)."""
    text = text.lower().replace("\u00a0", " ")
    text = re.sub(r"[^\w%≤≥<>=]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> re.Pattern[str] | None:
    """The compiled whole-word pattern of a cue (hundreds of cues: more than re's own cache)."""
    folded = fold(cue)
    if not folded:
        return None
    return re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


def _cue_spans(text: str, cues: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    for cue in cues:
        pattern = _cue_pattern(cue)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end(), cue))
    return spans


def _contained(inner: tuple[int, int, str], outer: tuple[int, int, str]) -> bool:
    return (
        outer[0] <= inner[0]
        and inner[1] <= outer[1]
        and (outer[1] - outer[0]) > (inner[1] - inner[0])
    )


def _target_text(target: Quantity | None) -> str:
    if target is None:
        return ""
    return " ".join(x for x in (target.raw, target.unit_text, target.note) if x)


def _has_symbol_or_word(text: str, terms: list[str]) -> str | None:
    low = text.lower()
    folded = fold(text)
    for term in terms:
        if re.fullmatch(r"[\W_]+", term):
            if term in low:
                return term
        elif re.search(rf"(?<!\w){re.escape(fold(term))}(?!\w)", folded):
            return term
    return None


def _override_for(indikator: str, overrides: dict[str, Any] | None) -> Polarity | None:
    if not overrides:
        return None
    from lapkin_audit.rules.matching import normalise_name

    key = normalise_name(indikator)
    for name, value in overrides.items():
        if normalise_name(str(name)) == key:
            try:
                return Polarity(getattr(value, "value", str(value)).lower())
            except ValueError:
                return None
    return None


def polarity_evidence(
    indikator: str | None,
    target: Quantity | None,
    pack: Any = None,
    overrides: dict[str, Any] | None = None,
) -> PolarityEvidence:
    """Infer an indicator's polarity with its evidence (domain.md 3.6).

    Evidence order: (1) the target declares a ceiling or floor (``maksimal 5%``), (2) the
    pack's ``indicators`` map and ``overrides`` (the user's configuration wins over the pack),
    (3) the wording: negative and positive cues, a cue nested in a longer cue of the other
    list not counting, positive winning when both remain, (4) a zero target reads negative,
    (5) default positive.
    """
    vocab = polarity_vocabulary(pack)
    indikator = indikator or ""

    ttext = _target_text(target)
    if ttext:
        cue = _has_symbol_or_word(ttext, vocab.target_cues.negative.terms)
        if cue:
            return PolarityEvidence(
                Polarity.NEGATIVE, "target", f"target written as a ceiling ('{cue}')",
                Message(id=f"target ditulis sebagai batas atas ('{cue}')",
                        en=f"the target is written as a ceiling ('{cue}')"), [cue])
        cue = _has_symbol_or_word(ttext, vocab.target_cues.positive.terms)
        if cue:
            return PolarityEvidence(
                Polarity.POSITIVE, "target", f"target written as a floor ('{cue}')",
                Message(id=f"target ditulis sebagai batas bawah ('{cue}')",
                        en=f"the target is written as a floor ('{cue}')"), [cue])

    merged = dict(vocab.indicators)
    merged.update(overrides or {})
    forced = _override_for(indikator, merged)
    if forced is not None:
        return PolarityEvidence(
            forced, "override", "configured for this indicator",
            Message(id="polaritas ditetapkan dalam konfigurasi",
                    en="polarity set in the configuration"))

    text = fold(indikator)
    neg = _cue_spans(text, vocab.negative_terms())
    pos = _cue_spans(text, vocab.positive_terms())
    neg_kept = [n for n in neg if not any(_contained(n, o) for o in neg + pos)]
    pos_kept = [p for p in pos if not any(_contained(p, o) for o in neg + pos)]
    if pos_kept:
        pcue = pos_kept[0][2]
        if neg_kept:
            ncue = neg_kept[0][2]
            return PolarityEvidence(
                Polarity.POSITIVE, "wording",
                f"'{pcue}' outweighs the negative cue '{ncue}': a reduction or handling rate",
                Message(id=f"'{pcue}' mengalahkan kata negatif '{ncue}' (tingkat penurunan atau "
                           "penanganan: makin tinggi makin baik)",
                        en=f"'{pcue}' outweighs the negative word '{ncue}' (a reduction or "
                           "handling rate: higher is better)"),
                [pcue, ncue], caution=True)
        return PolarityEvidence(
            Polarity.POSITIVE, "wording", f"positive cue '{pcue}' in the indicator",
            Message(id=f"indikator memuat '{pcue}'", en=f"the indicator contains '{pcue}'"),
            [pcue])
    if neg_kept:
        ncue = neg_kept[0][2]
        return PolarityEvidence(
            Polarity.NEGATIVE, "wording", f"negative cue '{ncue}' in the indicator",
            Message(id=f"indikator negatif: memuat '{ncue}'",
                    en=f"negative indicator: it contains '{ncue}'"), [ncue])

    if (
        target is not None
        and target.value is not None
        and target.value == 0
        and vocab.zero_target.polarity
    ):
        pol = Polarity(vocab.zero_target.polarity)
        return PolarityEvidence(
            pol, "zero-target", "target 0",
            Message(id="target 0", en="target 0"))

    return PolarityEvidence(
        Polarity.POSITIVE, "default", "no polarity cue (default positive)",
        Message(id="tanpa petunjuk polaritas (positif)", en="no polarity cue (positive)"))


def infer_polarity(
    indikator: str | None,
    target: Quantity | None,
    pack: Any = None,
    overrides: dict[str, Any] | None = None,
) -> tuple[Polarity, str]:
    """Polarity of an indicator and the reason (English), see :func:`polarity_evidence`."""
    ev = polarity_evidence(indikator, target, pack, overrides)
    return ev.polarity, ev.reason


def row_polarity(row: ViewRow, pack: Any = None, overrides: dict[str, Any] | None = None,
                 target: Quantity | None = None) -> PolarityEvidence:
    """Polarity evidence for a view row (its indicator, else its name)."""
    name = row.indikator or row.name
    return polarity_evidence(name.text if name else None, target or row.target, pack, overrides)


def polarity_overrides(ctx: Any) -> dict[str, Any]:
    """The user's per-indicator polarity map from ``Context.options`` (``polarity``)."""
    options = getattr(ctx, "options", None) or {}
    value = options.get("polarity") or options.get("polarity_overrides") or {}
    return dict(value) if isinstance(value, dict) else {}


# --------------------------------------------------------------------------------------------
# Capaian formulas.


def _div(a: Decimal, b: Decimal) -> Decimal | None:
    if b == 0:
        return None
    return a / b * HUNDRED


def capaian_candidates(target: Decimal, realisasi: Decimal) -> dict[str, Decimal | None]:
    """Every capaian formula seen in practice, × 100 (None on division by zero).

    ``R/T`` positive convention; ``T/R`` negative inverse ratio (or the inverted formula on a
    positive indicator); ``(2T-R)/T`` negative standard; ``(T-R)/T`` a reduction rate.
    """
    t, r = Decimal(target), Decimal(realisasi)
    return {
        R_T: _div(r, t),
        T_R: _div(t, r),
        NEG_STD: _div(2 * t - r, t),
        REDUCTION: _div(t - r, t),
    }


def accepted_formulas(polarity: Polarity, pack: Any = None) -> tuple[str, ...]:
    """Formulas that give a correct capaian for ``polarity`` (first = the one to quote)."""
    if polarity is Polarity.POSITIVE:
        return (R_T,)
    accepted = tuple(f for f in tolerances(pack).negative_conventions.accepted if f in FORMULAS)
    return accepted or (NEG_STD, T_R)


def numeric(q: Quantity | None) -> Decimal | None:
    return q.value if q is not None and q.value is not None else None


def expected_capaian(
    row: ViewRow, pack: Any = None, overrides: dict[str, Any] | None = None
) -> tuple[Decimal, str] | None:
    """The correct capaian of a row (%, unrounded) and the formula used, by polarity.

    Positive: R/T. Negative: the pack's first accepted convention ((2T-R)/T by default).
    None when target or realisasi is missing or not a number, their units cannot be divided,
    the target is 0, or the formula divides by zero.
    """
    t, r = numeric(row.target), numeric(row.realisasi)
    if t is None or r is None or t == 0:
        return None
    if not units_compatible(row.target, row.realisasi):  # type: ignore[arg-type]
        return None
    polarity = row_polarity(row, pack, overrides).polarity
    candidates = capaian_candidates(t, r)
    for formula in accepted_formulas(polarity, pack):
        value = candidates[formula]
        if value is not None:
            return value, formula
    return None


# --------------------------------------------------------------------------------------------
# Diagnosis of a printed capaian.

VERDICT_OK = "ok"
VERDICT_TRUNCATED = "truncated"
VERDICT_CAPPED = "capped"
VERDICT_INVERTED = "inverted"
VERDICT_WRONG_POLARITY = "wrong-polarity"
VERDICT_REDUCTION = "reduction"
VERDICT_UNREPRODUCIBLE = "unreproducible"


@dataclass
class Diagnosis:
    """What reproduces a printed capaian (domain.md 3.5).

    ``verdict``: ``ok`` (an accepted formula, rounded), ``truncated`` (an accepted formula,
    truncation only), ``capped`` (printed = a common cap while the correct value exceeds it),
    ``inverted`` (T/R on a positive indicator: "rumus terbalik"), ``wrong-polarity`` (R/T on a
    negative indicator, (2T-R)/T on a positive one), ``reduction`` ((T-R)/T),
    ``unreproducible`` (nothing fits). ``formula``/``rounding`` name the candidate that
    reproduced the value; ``expected``/``expected_formula`` the correct value to quote.
    """

    verdict: str
    polarity: Polarity
    candidates: dict[str, Decimal | None]
    formula: str | None = None
    rounding: str | None = None  # "round" | "truncate"
    cap: Decimal | None = None
    expected: Decimal | None = None
    expected_formula: str | None = None
    accepted: tuple[str, ...] = ()
    explanation: Message = field(default_factory=lambda: Message(id="", en=""))

    @property
    def is_correct(self) -> bool:
        """True when the printed value is an accepted formula (rounded or truncated) or a cap."""
        return self.verdict in (VERDICT_OK, VERDICT_TRUNCATED, VERDICT_CAPPED)

    @property
    def ok(self) -> bool:
        return self.verdict == VERDICT_OK


def pct(value: Decimal | None, decimals: int = 2) -> str:
    """A percentage for messages, Indonesian style (``58,82%``); ``—`` when undefined."""
    if value is None:
        return "—"
    return format_number(value, decimals, Unit.PERCENT)


def show(q: Quantity | None) -> str:
    """A printed value as printed (whitespace collapsed; ``%`` added for percent columns)."""
    if q is None:
        return "—"
    raw = re.sub(r"\s+", " ", q.raw).strip()
    if q.unit is Unit.PERCENT and "%" not in raw and q.value is not None:
        raw += "%"
    return raw


def diagnose(
    printed: Quantity,
    target: Decimal,
    realisasi: Decimal,
    polarity: Polarity,
    pack: Any = None,
    modes: tuple[str, ...] | None = None,
) -> Diagnosis:
    """Which candidate formula, under which rounding or cap, reproduces ``printed``.

    Accepted formulas for the polarity are tried first (so a value that several candidates
    give - T = R - reads as correct), then caps, then the wrong formulas. The explanation is
    a bilingual phrase such as "dihitung target/realisasi (rumus terbalik)".
    """
    tol = tolerances(pack)
    modes = modes or tol.modes
    candidates = capaian_candidates(target, realisasi)
    accepted = accepted_formulas(polarity, pack)
    expected_formula = next((f for f in accepted if candidates[f] is not None), None)
    expected = candidates[expected_formula] if expected_formula else None
    base = {"polarity": polarity, "candidates": candidates, "expected": expected,
                "expected_formula": expected_formula, "accepted": accepted}
    places = printed.decimals if printed.decimals is not None else 0

    def trunc_note(rounding: str | None) -> Message:
        if rounding != "truncate":
            return Message(id="", en="")
        return Message(id=f", dipotong (bukan dibulatkan) ke {places} desimal",
                       en=f", truncated (not rounded) to {places} decimals")

    # 1. an accepted formula, rounded then truncated
    for mode in ("round", "truncate"):
        for formula in accepted:
            if agrees(printed, candidates[formula], modes) == mode:
                verdict = VERDICT_OK if mode == "round" else VERDICT_TRUNCATED
                note = trunc_note(mode)
                return Diagnosis(
                    verdict, formula=formula, rounding=mode, **base,
                    explanation=Message(
                        id=f"dihitung {_ftext(formula, 'id')}{_convention(formula, polarity, 'id')}"
                           f"{note.id}",
                        en=f"computed as {_ftext(formula, 'en')}"
                           f"{_convention(formula, polarity, 'en')}{note.en}"))

    # 2. a common cap applied to the correct value
    if printed.value is not None:
        for cap in tol.caps.values:
            if printed.value == cap:
                raw_values = [candidates[f] for f in accepted if candidates[f] is not None]
                if raw_values and all(v > cap for v in raw_values):
                    return Diagnosis(
                        VERDICT_CAPPED, formula=accepted[0], cap=cap, **base,
                        explanation=Message(
                            id=f"dibatasi (cap) {pct(cap, 0)}; nilai hitung {pct(raw_values[0])}",
                            en=f"capped at {pct(cap, 0)}; computed value {pct(raw_values[0])}"))

    # 3. a wrong formula
    for mode in ("round", "truncate"):
        for formula in FORMULAS:
            if formula in accepted:
                continue
            if agrees(printed, candidates[formula], modes) != mode:
                continue
            note = trunc_note(mode)
            if formula == T_R and polarity is Polarity.POSITIVE:
                verdict = VERDICT_INVERTED
                msg = Message(id=f"dihitung target/realisasi (rumus terbalik){note.id}",
                              en=f"computed as target/realisasi (inverted formula){note.en}")
            elif formula == REDUCTION:
                verdict = VERDICT_REDUCTION
                msg = Message(
                    id=f"dihitung (target − realisasi)/target: tingkat penurunan, bukan capaian"
                       f"{note.id}",
                    en=f"computed as (target − realisasi)/target: a reduction rate, not an "
                       f"achievement{note.en}")
            elif polarity is Polarity.NEGATIVE:
                verdict = VERDICT_WRONG_POLARITY
                msg = Message(
                    id=f"dihitung {_ftext(formula, 'id')}, rumus indikator positif, padahal "
                       f"indikator berpolaritas negatif (makin rendah makin baik){note.id}",
                    en=f"computed as {_ftext(formula, 'en')}, the positive-indicator formula, "
                       f"although the indicator is negative (lower is better){note.en}")
            else:
                verdict = VERDICT_WRONG_POLARITY
                msg = Message(
                    id=f"dihitung {_ftext(formula, 'id')}, rumus indikator negatif, padahal "
                       f"indikator berpolaritas positif (makin tinggi makin baik){note.id}",
                    en=f"computed as {_ftext(formula, 'en')}, a negative-indicator formula, "
                       f"although the indicator is positive (higher is better){note.en}")
            return Diagnosis(verdict, formula=formula, rounding=mode, **base, explanation=msg)

    listing = "; ".join(f"{FORMULA_SYMBOL[name]} = {pct(value)}"
                        for name, value in candidates.items())
    return Diagnosis(
        VERDICT_UNREPRODUCIBLE, **base,
        explanation=Message(
            id=f"tidak ada rumus yang menghasilkan nilai tertulis ({listing})",
            en=f"no formula reproduces the printed value ({listing})"))


def _ftext(formula: str, lang: str) -> str:
    return {
        R_T: "realisasi/target",
        T_R: "target/realisasi",
        NEG_STD: "(2 × target − realisasi)/target",
        REDUCTION: "(target − realisasi)/target",
    }[formula]


def _convention(formula: str, polarity: Polarity, lang: str) -> str:
    if polarity is Polarity.POSITIVE:
        return ""
    if formula == NEG_STD:
        return " (konvensi negatif standar)" if lang == "id" else " (standard negative convention)"
    if formula == T_R:
        return (" (konvensi negatif rasio terbalik)" if lang == "id"
                else " (negative inverse-ratio convention)")
    return ""


# --------------------------------------------------------------------------------------------
# View helpers.


def view_column_label(view: TableView, role: str) -> str | None:
    """The header label of the column holding ``role`` in ``view`` (None when absent)."""
    col = view.column(role)
    return col.label if col else None


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator × 100, None when the denominator is 0."""
    return _div(Decimal(numerator), Decimal(denominator))
