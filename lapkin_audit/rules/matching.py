"""Fuzzy matching of indicator and programme names across tables.

The same indicator is printed with small differences in each table of a report: spacing
around ``/`` (``Desa / Kelurahan``, ``Desa /Kelurahan``), typing slips (``etrfasilitasi``,
``pelayanana``), repeated words (``Meningkatnya Meningkatnya``), an added word
(``Penyelenggaraan [Urusan] Pemerintahan Umum``, ``Kabupaten[/Kota]``). Different indicators,
on the other hand, often share almost every word (``Persentase Desa yang menetapkan APBDes
Tepat Waktu`` / ``… LPPDes …``): a plain string ratio scores them above 90.

:func:`similarity` therefore combines rapidfuzz scores with a token alignment: each word is
paired with a near-identical word of the other name (typing slips allowed); when *both*
names keep a content word that pairs with nothing (a word replaced by another word), the
names name different things and the score is capped below any matching threshold. Words
present on one side only (an insertion) do not cap the score.

Public API: :func:`normalise_name`, :func:`tokens`, :func:`content_tokens`,
:func:`tokens_match`, :func:`similarity`, :func:`match_rows`, :func:`best_match`,
:func:`row_key_text`, :func:`view_name`. Scores are on rapidfuzz's 0-100 scale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from lapkin_audit.model import Message, TableView, ViewKind, ViewRow, caption_label

DEFAULT_THRESHOLD = 80.0
"""Pairs scoring at least this are the same indicator or programme."""

CONFLICT_CAP = 60.0
"""Score ceiling for names in which a content word was replaced by a different word."""

TOKEN_MATCH = 80.0
"""Two words are the same word with a typing slip when their ratio reaches this."""

# Function words: they never make two names different (language, not regulation data).
STOPWORDS = frozenset(
    [
        "yang", "dan", "di", "ke", "dari", "untuk", "pada", "dalam", "serta", "atau", "dengan",
        "oleh", "terhadap", "per", "se", "bagi", "the", "of", "and", "in", "to", "for",
    ]
)

# Spelling variants folded before comparison (KBBI form on the right).
_VARIANTS = (
    (r"\bpro?sentase\b", "persentase"),
    (r"\bpresentase\b", "persentase"),
    (r"\bprosentasi\b", "persentase"),
    (r"\bkwalitas\b", "kualitas"),
    (r"\bkwantitas\b", "kuantitas"),
    (r"\bnopember\b", "november"),
    (r"\bpebruari\b", "februari"),
)


@lru_cache(maxsize=8192)  # pure; every name is compared with many others
def normalise_name(text: str | None) -> str:
    """A name folded for comparison.

    Lower case; non-breaking spaces and line breaks as spaces; no spaces around ``/``
    (``Desa / Kelurahan`` → ``desa/kelurahan``); hyphens and other punctuation as spaces
    (``Rata - rata`` → ``rata rata``); ``&`` → ``dan``; spelling variants (``Prosentase`` →
    ``persentase``); a word repeated at once kept once (``Meningkatnya Meningkatnya``,
    ``rata rata`` → ``rata``).
    """
    if not text:
        return ""
    s = text.lower().replace("\u00a0", " ").replace("&", " dan ")
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"[‐‑‒–—−]", "-", s)
    s = re.sub(r"[^\w/%]+", " ", s)  # hyphen, dots, commas, brackets, quotes
    s = re.sub(r"_+", " ", s)
    s = re.sub(r"/+", "/", s).strip("/ ")
    for pattern, repl in _VARIANTS:
        s = re.sub(pattern, repl, s)
    words = s.split()
    out: list[str] = []
    for w in words:
        if out and out[-1] == w:
            continue
        out.append(w)
    return " ".join(out)


def tokens(text: str | None) -> list[str]:
    """Words of the normalised name, ``/`` splitting words (``kabupaten/kota``)."""
    norm = normalise_name(text)
    return [t for t in re.split(r"[\s/]+", norm) if t]


def content_tokens(text: str | None) -> list[str]:
    """:func:`tokens` without function words and bare numbers."""
    return [t for t in tokens(text) if t not in STOPWORDS and not t.isdigit()]


@lru_cache(maxsize=65536)  # pure; the same word pairs recur across rows and tables
def tokens_match(a: str, b: str) -> float:
    """How alike two words are (0-100): equal 100; a word inside a longer one (an affix:
    ``fasilitas`` / ``terfasilitasi``) 90 when the shorter has 6+ letters; else the ratio."""
    if a == b:
        return 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 6 and short in long_:
        return 90.0
    if min(len(a), len(b)) < 4:
        return 0.0  # short words and acronyms must match exactly
    return fuzz.ratio(a, b)


def _align(
    ta: list[str], tb: list[str]
) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    """Pair words one to one, best pairs first. Returns pairs, unpaired of a, unpaired of b."""
    scored = []
    for i, x in enumerate(ta):
        for j, y in enumerate(tb):
            s = tokens_match(x, y)
            if s >= TOKEN_MATCH:
                scored.append((s, -abs(i - j), i, j))
    scored.sort(reverse=True)
    pairs = _take_disjoint(scored)
    used_a, used_b = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    return (
        pairs,
        [i for i in range(len(ta)) if i not in used_a],
        [j for j in range(len(tb)) if j not in used_b],
    )


def _take_disjoint(
    scored: Sequence[tuple[float, int, int, int]],
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairing: walk ``(score, closeness, i, j)`` in the given (best-first)
    order and keep each pair whose ``i`` and ``j`` are both still free."""
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for s, _, i, j in scored:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        pairs.append((i, j, s))
    return pairs


@lru_cache(maxsize=65536)  # pure; rules compare the same pairs of names again and again
def similarity(a: str | None, b: str | None) -> float:
    """Similarity of two names on a 0-100 scale.

    The best of rapidfuzz ``ratio`` and ``token_sort_ratio`` on the normalised names and a
    word-alignment score (the share of letters in paired words, weighted by how alike each
    pair is). Capped at :data:`CONFLICT_CAP` when each name keeps a content word the other
    lacks (a substitution: ``APBDes`` / ``LPPDes``).
    """
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    ta, tb = tokens(na), tokens(nb)
    pairs, rest_a, rest_b = _align(ta, tb)
    total = sum(len(t) for t in ta) + sum(len(t) for t in tb)
    paired = sum((len(ta[i]) + len(tb[j])) * s / 100 for i, j, s in pairs)
    aligned = 100.0 * paired / total if total else 0.0
    score = max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb), aligned)
    left = [ta[i] for i in rest_a if ta[i] not in STOPWORDS and not ta[i].isdigit()]
    right = [tb[j] for j in rest_b if tb[j] not in STOPWORDS and not tb[j].isdigit()]
    if left and right:
        score = min(score, CONFLICT_CAP)
    return float(score)


def row_key_text(row: ViewRow, key: str = "indikator") -> str | None:
    """The text a row is matched on: a field name (``indikator``, ``program``, ``sasaran``)
    or ``name`` (indicator, else program, else sasaran, else label)."""
    if key == "name":
        value = row.name
    else:
        value = getattr(row, key, None)
    return value.text if value is not None else None


def match_rows(
    left: Sequence[ViewRow],
    right: Sequence[ViewRow],
    key: str = "indikator",
    threshold: float = DEFAULT_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """Best one-to-one pairing of two row lists by name.

    Pairs scoring at least ``threshold`` are taken best first (ties: the pair closer in
    position first). Rows without the key are never paired. Returns ``(i, j, score)`` with
    ``i`` into ``left`` and ``j`` into ``right``, sorted by ``i``.
    """
    lt = [row_key_text(r, key) for r in left]
    rt = [row_key_text(r, key) for r in right]
    return match_texts(lt, rt, threshold)


def match_texts(
    left: Sequence[str | None], right: Sequence[str | None], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, int, float]]:
    """:func:`match_rows` on plain texts."""
    scored = []
    for i, a in enumerate(left):
        if not a:
            continue
        for j, b in enumerate(right):
            if not b:
                continue
            s = similarity(a, b)
            if s >= threshold:
                scored.append((s, -abs(i - j), i, j))
    scored.sort(key=lambda x: (-x[0], -x[1], x[2], x[3]))
    return sorted(_take_disjoint(scored))


def best_match(text: str | None, candidates: Sequence[str | None]) -> tuple[int, float] | None:
    """Index and score of the candidate most similar to ``text`` (None when no candidates)."""
    best: tuple[int, float] | None = None
    for j, cand in enumerate(candidates):
        if not cand:
            continue
        s = similarity(text, cand)
        if best is None or s > best[1]:
            best = (j, s)
    return best


_KIND_NAMES: dict[ViewKind, Message] = {
    ViewKind.PERJANJIAN_KINERJA: Message(id="Perjanjian Kinerja", en="the Perjanjian Kinerja"),
    ViewKind.BUDGET: Message(id="tabel anggaran program", en="the programme budget table"),
    ViewKind.CAPAIAN: Message(id="tabel capaian kinerja", en="the performance table"),
    ViewKind.COST: Message(id="tabel cost per outcome", en="the cost-per-outcome table"),
    ViewKind.FORMULA: Message(id="tabel rumus", en="the formula table"),
    ViewKind.STRATEGY: Message(id="tabel strategi", en="the strategy table"),
}


def view_name(view: TableView) -> Message:
    """How a message names a view: its caption label (``Tabel 2.2``) or its kind."""
    numbered = caption_label(view.caption)
    if numbered and numbered[0].lower() == "tabel":
        label = f"Tabel {numbered[1]}"
        if view.kind is ViewKind.PERJANJIAN_KINERJA:
            return Message(id=f"Perjanjian Kinerja ({label})",
                           en=f"the Perjanjian Kinerja ({label})")
        return Message(id=label, en=label)
    return _KIND_NAMES[view.kind]
