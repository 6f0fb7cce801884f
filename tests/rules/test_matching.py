"""Unit tests of lapkin_audit.rules.matching: name normalisation, similarity, row matching."""

from __future__ import annotations

import pytest

from lapkin_audit.model import Text, ViewKind, ViewRow
from lapkin_audit.rules.matching import (
    CONFLICT_CAP,
    DEFAULT_THRESHOLD,
    match_rows,
    match_texts,
    normalise_name,
    similarity,
    tokens,
)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Persentase Desa / Kelurahan yang terfasilitasi",
         "persentase desa/kelurahan yang terfasilitasi"),
        ("Persentase Desa /Kelurahan yang", "persentase desa/kelurahan yang"),
        ("Rata - rata Persentase Desa", "rata persentase desa"),
        ("Rata-rata persentase desa", "rata persentase desa"),
        ("Meningkatnya Meningkatnya akuntabilitas", "meningkatnya akuntabilitas"),
        ("Prosentase  capaian\u00a0kinerja.", "persentase capaian kinerja"),
        ("Presentase Sarana & Prasarana (SARPRAS)", "persentase sarana dan prasarana sarpras"),
        ("Penunjang Urusan Pemerintahan Kabupaten/ Kota",
         "penunjang urusan pemerintahan kabupaten/kota"),
        ("", ""),
    ],
)
def test_normalise_name(raw: str, normalised: str) -> None:
    assert normalise_name(raw) == normalised


def test_tokens_split_slashes() -> None:
    assert tokens("Kabupaten/Kota") == ["kabupaten", "kota"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # seed programme names between the budget table and the cost-per-outcome table
        ("Penunjang Urusan Pemerintahan Kabupaten", "Penunjang Urusan Pemerintahan Kabupaten/Kota"),
        ("Penyelenggaraan Pemerintahan Umum", "Penyelenggaraan Urusan Pemerintahan Umum"),
        # seed indicator names between PK, capaian and cost tables (typos, spacing)
        ("Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan",
         "Persentase Desa /Kelurahan yang etrfasilitasi pemberdayaan"),
        ("Persentase Desa / Kelurahan yang terfasilitasi pemberdayaan",
         "Persentase Desa /Kelurahan yang etrfasilitasi"),
        ("Persentase fasilitasi penyelenggaraan Pemerintahan dan pelayanan publik",
         "Persentase fasilitasi Penyelenggaraan pemerintahan dan pelayanana publik"),
        (("Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa "
          "tepat waktu"),
         ("Rata - rata Persentase Desa yang menyusun dokumen administrasi pemerintahan desa "
          "tepat waktu")),
        ("Meningkatnya Meningkatnya akuntabilitas pemerintahan desa",
         "Meningkatnya Akunhtasbilitas Pemerintahan Desa"),
    ],
)
def test_same_things_match(a: str, b: str) -> None:
    assert similarity(a, b) >= DEFAULT_THRESHOLD
    assert similarity(b, a) == pytest.approx(similarity(a, b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # share every word but the one that matters
        ("Persentase Desa yang menetapkan APBDes Tepat Waktu",
         "Persentase Desa yang menetapkan LPPDes Tepat Waktu"),
        ("Persentase desa yang menetapkan RKPDes Tepat waktu",
         "Persentase Desa yang menetapkan APBDes Tepat Waktu"),
        ("Pembinaan dan Pengawasan Pemerintahan Desa",
         "Pemberdayaan Masyarakat Desa dan Kelurahan"),
        ("Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti",
         "Persentase fasilitasi penyelenggaraan pemerintahan dan pelayanan publik"),
        ("Persentase Fasilitas Penyelenggaraan Urusan Pemerintahan Umum",
         "Persentase Pemenuhan fasilitasi operasional Perkantoran"),
    ],
)
def test_different_things_do_not_match(a: str, b: str) -> None:
    assert similarity(a, b) < DEFAULT_THRESHOLD


def test_substitution_is_capped() -> None:
    assert similarity("Persentase Desa yang menetapkan APBDes Tepat Waktu",
                      "Persentase Desa yang menetapkan LPPDes Tepat Waktu") <= CONFLICT_CAP


def test_identical_and_empty() -> None:
    assert similarity("Persentase A", "persentase  a.") == 100
    assert similarity("", "Persentase A") == 0
    assert similarity(None, None) == 0


def _rows(names: list[str | None], key: str = "indikator") -> list[ViewRow]:
    out = []
    for i, n in enumerate(names):
        r = ViewRow(grid_rows=[i + 1])
        if n is not None:
            setattr(r, key, Text(text=n))
        out.append(r)
    return out


def test_match_rows_one_to_one_best_first() -> None:
    pk = _rows([
        "Persentase desa yang menetapkan RKPDes Tepat waktu",
        "Persentase Desa yang menetapkan APBDes Tepat Waktu",
        "Persentase Desa yang menetapkan LPPDes Tepat Waktu",
    ])
    table = _rows([
        "Persentase Desa yang menetapkan LPPDes Tepat Waktu",
        None,
        "Persentase desa yg menetapkan RKPDes tepat waktu",
        "Persentase Desa menetapkan APBDes Tepat Waktu.",
        "Jumlah kunjungan wisata",
    ])
    pairs = match_rows(pk, table, key="indikator")
    assert [(i, j) for i, j, _ in pairs] == [(0, 2), (1, 3), (2, 0)]
    assert all(s >= DEFAULT_THRESHOLD for _, _, s in pairs)


def test_match_rows_by_program_and_threshold() -> None:
    budget = _rows(["Penunjang Urusan Pemerintahan Kabupaten", "Penyelenggaraan Pemerintahan Umum",
                    "Pembinaan dan Pengawasan Pemerintahan Desa",
                    "Pemberdayaan Masyarakat Desa dan Kelurahan"], key="program")
    cost = _rows(["Pemberdayaan Masyarakat Desa dan Kelurahan",
                  "Penunjang Urusan Pemerintahan Kabupaten/Kota",
                  "Penyelenggaraan Urusan Pemerintahan Umum",
                  "Pembinaan dan Pengawasan Pemerintahan Desa"], key="program")
    pairs = match_rows(budget, cost, key="program")
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (1, 2), (2, 3), (3, 0)]
    assert match_rows(budget, cost, key="indikator") == []
    assert len(match_rows(budget, cost, key="program", threshold=99.5)) == 2  # exact names only


def test_match_texts_a_name_is_used_once() -> None:
    pairs = match_texts(["Persentase A desa", "Persentase A desa"], ["Persentase A desa"])
    assert len(pairs) == 1


def test_view_name() -> None:
    from lapkin_audit.model import TableView
    from lapkin_audit.rules.matching import view_name

    v = TableView(kind=ViewKind.CAPAIAN, table=0, caption="Tabel 2.2  Capaian Kinerja Camat",
                  columns=[], header_rows=[0], rows=[])
    assert view_name(v).id == "Tabel 2.2"
    pk = v.model_copy(update={"kind": ViewKind.PERJANJIAN_KINERJA, "caption": "Tabel 2.1. Lembar"})
    assert view_name(pk).id == "Perjanjian Kinerja (Tabel 2.1)"
    bare = v.model_copy(update={"kind": ViewKind.FORMULA, "caption": None})
    assert view_name(bare).en == "the formula table"
