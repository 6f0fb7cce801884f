"""Header vocabulary: what column headers mean, as real reports spell them (layouts.md 4).

Matching is fuzzy (rapidfuzz) over normalised labels, so OCR damage and author typos
(``Realiasasi``, ``Realisasai``, ``Capain``) still find their role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

# role -> header labels (normalised: lower case, letters and spaces only)
ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "number": ("no", "nomor", "n0", "no urut", "kode", "kode rekening", "kode program"),
    "sasaran": (
        "sasaran", "sasaran strategis", "sasaran program", "sasaran kegiatan",
        "sasaran sub kegiatan", "sasaran kegiatan", "tujuan sasaran", "tujuan", "uraian sasaran",
    ),
    "program": (
        "program", "kegiatan", "sub kegiatan", "program kegiatan", "program kegiatan sub kegiatan",
        "uraian", "program kegiatan subkegiatan", "nama program", "uraian program",
    ),
    "indikator": (
        "indikator", "indikator kinerja", "indikator kinerja utama", "iku", "indikator sasaran",
        "indikator tujuan sasaran", "indikator kinerja program", "indikator program",
        "indikator kegiatan", "indikator kinerja kegiatan", "indikator kinerja tambahan",
    ),
    "satuan": ("satuan", "sat"),
    "target": ("target", "tk", "target kinerja", "target tahunan", "rencana", "target triwulan"),
    "realisasi": ("realisasi", "rk", "realisasi kinerja", "hasil", "realisasi triwulan"),
    "capaian": (
        "capaian", "ck", "capaian kinerja", "persentase capaian", "tingkat capaian",
        "nilai capaian", "kinerja", "capaian terhadap target", "pencapaian",
    ),
    "pagu": (
        "pagu", "anggaran", "pagu anggaran", "alokasi anggaran", "dipa", "anggaran rp",
        "pagu rp", "rencana anggaran",
    ),
    "realisasi_anggaran": ("realisasi anggaran", "realisasi keuangan", "realisasi belanja"),
    "serapan": (
        "serapan", "daya serap", "penyerapan", "penyerapan anggaran", "serapan anggaran",
        "capaian realisasi anggaran",
    ),
    "efisiensi": ("efisiensi", "nilai efisiensi", "efisiensi anggaran", "lebih kurang"),
    "status": (
        "ket", "keterangan", "kesimpulan", "kategori", "status", "evaluasi tindak lanjut",
        "predikat", "kriteria", "kriteria penilaian",
    ),
    "rumus": ("rumus", "rumus penghitungan", "rumus perhitungan", "formula", "cara perhitungan",
              "cara penghitungan", "formulasi"),
    "strategi": ("strategi", "strategi yang digunakan", "upaya", "langkah"),
    "bulan": ("pada bulan", "bulan", "waktu", "waktu pelaksanaan"),
}

# Upper header levels that put the columns below them in the budget or performance group.
BUDGET_GROUP = ("anggaran", "keuangan", "realisasi anggaran", "pagu anggaran", "anggaran rp")
PERFORMANCE_GROUP = ("kinerja", "fisik", "output", "capaian kinerja")

# A bare "%" header, or "(%)" after another word, means a percentage column.
PERCENT_ONLY = re.compile(r"^\s*\(?\s*%\s*\)?\s*$")
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
FORMULA = re.compile(r"(\d+)\s*=\s*(\d+)\s*([/:x×*+\-])\s*(\d+)")
SUMMARY_ROW = re.compile(
    r"^\s*(?P<kind>jumlah|total|sub\s*-?\s*total|grand\s+total|rata\s*-?\s*rata|rerata)\b",
    re.IGNORECASE,
)

_CHOICES = [(label, role) for role, labels in ROLE_LABELS.items() for label in labels]
_LABELS = [label for label, _ in _CHOICES]


def normalise_label(text: str) -> str:
    """Lower case letters and spaces only; formulas, years and units removed."""
    text = FORMULA.sub(" ", text)
    text = YEAR.sub(" ", text)
    text = re.sub(r"\((rp|%|persen)\)", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"[^a-zA-Z]+", " ", text).lower()
    text = re.sub(r"\btriwulan(an)?\s+[ivx]+\b|\btw\s+[ivx]+\b", " triwulan ", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def match_role(label: str, threshold: float = 80.0) -> tuple[str, float] | None:
    """The role a header label names, with the match score (0–100), or None."""
    if PERCENT_ONLY.match(label):
        return "capaian", 100.0
    normalised = normalise_label(label)
    if not normalised:
        return None
    best = process.extractOne(normalised, _LABELS, scorer=fuzz.ratio, score_cutoff=threshold)
    if best is None:
        return None
    _, score, index = best
    return _CHOICES[index][1], float(score)


def is_group_label(label: str, group: tuple[str, ...]) -> bool:
    normalised = normalise_label(label)
    return bool(normalised) and any(
        fuzz.ratio(normalised, g) >= 86 for g in group
    )
