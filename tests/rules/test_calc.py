"""Unit tests of lapkin_audit.rules.calc: agreement, polarity, capaian formulas, diagnosis."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lapkin_audit.model import Quantity, Text, Unit, ViewRow
from lapkin_audit.packs import load_pack
from lapkin_audit.parse.numbers import parse_quantity
from lapkin_audit.rules import calc
from lapkin_audit.rules.calc import (
    NEG_STD,
    R_T,
    REDUCTION,
    T_R,
    Polarity,
    agrees,
    capaian_candidates,
    diagnose,
    expected_capaian,
    infer_polarity,
)

PACK = load_pack("default")


def q(text: str, percent: bool = False) -> Quantity:
    return parse_quantity(text, percent_column=percent)


def row(indikator: str, target: str, realisasi: str, capaian: str | None = None) -> ViewRow:
    return ViewRow(
        grid_rows=[1],
        indikator=Text(text=indikator),
        target=q(target),
        realisasi=q(realisasi),
        capaian=q(capaian, True) if capaian else None,
    )


# --- agrees ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "computed", "expected"),
    [
        ("58,82%", "58.8235294", "round"),
        ("170%", "170", "round"),
        ("111%", "111.6883", "truncate"),  # 86/77: truncation only
        ("112%", "111.6883", "round"),
        ("340,40%", "340.40849", "truncate"),
        ("340,41%", "340.40849", "round"),
        ("36,05%", "36.04883", "round"),
        ("35,72%", "36.04883", None),
        ("87,5", "87.5", "round"),
        ("88", "87.5", "round"),  # half up
        ("87", "87.5", "truncate"),
        ("100%", "99.996", "round"),
        ("100,00%", "99.996", "round"),
        ("99,99%", "99.996", "truncate"),
    ],
)
def test_agrees(printed: str, computed: str, expected: str | None) -> None:
    assert agrees(q(printed, True), D(computed)) == expected


def test_agrees_modes_and_missing_values() -> None:
    assert agrees(q("111%"), D("111.6883"), modes=("half_up",)) is None
    assert agrees(q("112%"), D("111.6883"), modes=("truncate",)) is None
    assert agrees(q("n/a"), D(1)) is None
    assert agrees(q("5%"), None) is None


def test_agrees_negative_values_truncate_toward_zero() -> None:
    assert agrees(q("-3,5"), D("-3.57")) == "truncate"
    assert agrees(q("-3,6"), D("-3.57")) == "round"


def test_same_value_allows_precision_differences() -> None:
    assert calc.same_value(q("50%"), q("50,00%")) is True
    assert calc.same_value(q("77%"), q("77,4%")) is True
    assert calc.same_value(q("86%"), q("100%")) is False
    assert calc.same_value(q("12 Desa"), q("12%")) is None
    assert calc.same_value(q("n/a"), q("12%")) is None


# --- polarity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indikator", "target", "polarity", "reason_part"),
    [
        ("Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti", "85%",
         Polarity.POSITIVE, "ditindaklanjuti"),
        ("Persentase desa yang menetapkan RKPDes Tepat waktu", "100%", Polarity.POSITIVE,
         "tepat waktu"),
        ("Angka Kematian Ibu (AKI)", "100", Polarity.NEGATIVE, "angka kematian"),
        ("Prevalensi stunting", "14%", Polarity.NEGATIVE, "prevalensi"),
        ("Tingkat Pengangguran Terbuka", "5,2%", Polarity.NEGATIVE, "pengangguran"),
        ("Jumlah temuan BPK", "3", Polarity.NEGATIVE, "temuan"),
        ("Rata-rata waktu penyelesaian perizinan", "5", Polarity.NEGATIVE, "waktu penyelesaian"),
        ("Persentase penanganan kasus konflik sosial", "100%", Polarity.POSITIVE, "penanganan"),
        ("Persentase penurunan pelanggaran Perda", "10%", Polarity.POSITIVE, "penurunan"),
        ("Persentase penderita TB mendapat pelayanan", "100%", Polarity.POSITIVE,
         "mendapat pelayanan"),
        ("Persentase pertemuan koordinasi", "100%", Polarity.POSITIVE, "default"),  # not 'temuan'
        ("Jumlah keluhan masyarakat", "0", Polarity.NEGATIVE, "target 0"),
        ("Indeks Kepuasan Masyarakat", "≤ 5", Polarity.NEGATIVE, "ceiling"),
        ("Jumlah kasus yang ditangani", "minimal 50", Polarity.POSITIVE, "floor"),
    ],
)
def test_infer_polarity(indikator: str, target: str, polarity: Polarity, reason_part: str) -> None:
    got, reason = infer_polarity(indikator, q(target), PACK)
    assert got is polarity
    assert reason_part in reason


def test_reduction_word_over_negative_cue_is_flagged_with_caution() -> None:
    ev = calc.polarity_evidence("Persentase penurunan angka kematian bayi", None, PACK)
    assert ev.polarity is Polarity.POSITIVE and ev.caution
    assert "penurunan" in ev.message.id and "angka kematian" in ev.message.en


def test_overrides_win_over_wording_but_not_over_the_target() -> None:
    overrides = {"PERSENTASE  desa tertinggal": "negative"}
    assert infer_polarity("Persentase desa tertinggal", q("10%"), PACK, overrides)[0] \
        is Polarity.NEGATIVE
    assert infer_polarity("Persentase desa tertinggal", q("10%"), PACK)[0] is Polarity.POSITIVE
    # target declared as a floor beats the configuration (the document's own statement)
    assert infer_polarity("Persentase desa tertinggal", q("≥ 10%"), PACK, overrides)[0] \
        is Polarity.POSITIVE


def test_default_pack_is_used_when_none_given() -> None:
    assert infer_polarity("Jumlah kasus DBD", None)[0] is Polarity.NEGATIVE


# --- formulas -------------------------------------------------------------------------------


def test_capaian_candidates() -> None:
    c = capaian_candidates(D(10), D(8))
    assert c[R_T] == D(80)
    assert c[T_R] == D(125)
    assert c[NEG_STD] == D(120)
    assert c[REDUCTION] == D(20)
    zero_r = capaian_candidates(D(10), D(0))
    assert zero_r[T_R] is None and zero_r[NEG_STD] == D(200)
    zero_t = capaian_candidates(D(0), D(5))
    assert zero_t[R_T] is None and zero_t[T_R] == D(0)


def test_expected_capaian_positive_and_negative() -> None:
    value, formula = expected_capaian(row("Persentase hasil fasilitasi", "85%", "50%"), PACK)
    assert formula == R_T and calc.quantize(value, 2, "half_up") == D("58.82")
    value, formula = expected_capaian(row("Angka kriminalitas", "10", "8"), PACK)
    assert formula == NEG_STD and value == D(120)


@pytest.mark.parametrize(
    ("target", "realisasi"), [("0%", "5%"), ("85%", "n/a"), ("12 Desa", "50%"), ("-", "5")]
)
def test_expected_capaian_guards(target: str, realisasi: str) -> None:
    assert expected_capaian(row("Persentase A", target, realisasi), PACK) is None


# --- diagnosis ------------------------------------------------------------------------------


def test_diagnose_seed_inverted_rows() -> None:
    d = diagnose(q("170%", True), D(85), D(50), Polarity.POSITIVE, PACK)
    assert d.verdict == calc.VERDICT_INVERTED and d.formula == T_R and d.rounding == "round"
    assert calc.quantize(d.expected, 2, "half_up") == D("58.82")
    assert d.explanation.id == "dihitung target/realisasi (rumus terbalik)"
    assert d.explanation.en == "computed as target/realisasi (inverted formula)"
    d = diagnose(q("111%", True), D(86), D(77), Polarity.POSITIVE, PACK)
    assert d.verdict == calc.VERDICT_INVERTED and d.rounding == "truncate"
    assert "dipotong" in d.explanation.id and "truncated" in d.explanation.en


def test_diagnose_correct_value_even_when_candidates_coincide() -> None:
    d = diagnose(q("100%", True), D(100), D(100), Polarity.POSITIVE, PACK)
    assert d.ok and d.formula == R_T


def test_diagnose_negative_conventions_both_accepted() -> None:
    d120 = diagnose(q("120"), D(10), D(8), Polarity.NEGATIVE, PACK)
    d125 = diagnose(q("125"), D(10), D(8), Polarity.NEGATIVE, PACK)
    assert d120.ok and d120.formula == NEG_STD
    assert d125.ok and d125.formula == T_R
    d80 = diagnose(q("80"), D(10), D(8), Polarity.NEGATIVE, PACK)
    assert d80.verdict == calc.VERDICT_WRONG_POLARITY and d80.expected == D(120)


def test_diagnose_unreproducible_lists_candidates() -> None:
    d = diagnose(q("340,40%", True), D(86), D("24.97"), Polarity.POSITIVE, PACK)
    assert d.verdict == calc.VERDICT_UNREPRODUCIBLE and not d.is_correct
    assert "T/R = 344,41%" in d.explanation.id and "R/T = 29,03%" in d.explanation.en


def test_diagnose_cap_and_reduction() -> None:
    capped = diagnose(q("100%", True), D(80), D(100), Polarity.POSITIVE, PACK)
    assert capped.verdict == calc.VERDICT_CAPPED and capped.cap == D(100)
    reduction = diagnose(q("25%", True), D(80), D(60), Polarity.POSITIVE, PACK)
    assert reduction.verdict == calc.VERDICT_REDUCTION


def test_diagnose_respects_pack_modes() -> None:
    d = diagnose(q("111%", True), D(86), D(96), Polarity.POSITIVE, PACK, modes=("half_up",))
    assert d.verdict == calc.VERDICT_UNREPRODUCIBLE


# --- packs ----------------------------------------------------------------------------------


def test_default_packs_validate() -> None:
    tol = calc.tolerances(PACK)
    assert tol.modes == ("half_up", "truncate")
    assert [int(c) for c in tol.caps.values] == [100, 120, 200]
    assert tol.negative_conventions.accepted == [NEG_STD, T_R]
    vocab = calc.polarity_vocabulary(PACK)
    assert "kasus" in vocab.negative_terms() and "penurunan" in vocab.positive_terms()


def test_category_scale_bands_and_gaps() -> None:
    from lapkin_audit.rules.consistency import band_verdict, category_scales

    cfg = category_scales(PACK)
    scale = cfg.scales["permendagri"]
    bands = {b.label: b for b in scale.bands}
    assert band_verdict(scale, D(95), bands["Sangat Tinggi"], "either", "top") is True
    assert band_verdict(scale, D(72), bands["Tinggi"], "either", "top") is False
    # 90,5 sits in the gap between Tinggi (≤ 90) and Sangat Tinggi (≥ 91)
    assert band_verdict(scale, D("90.5"), bands["Tinggi"], "either", "top") is True
    assert band_verdict(scale, D("90.5"), bands["Sangat Tinggi"], "either", "top") is True
    assert band_verdict(scale, D("90.5"), bands["Tinggi"], "round", "top") is False
    assert band_verdict(scale, D("90.4"), bands["Tinggi"], "round", "top") is True
    assert band_verdict(scale, D("90.5"), bands["Tinggi"], "lower", "top") is True
    assert band_verdict(scale, D("90.5"), bands["Tinggi"], "skip", "top") is None
    assert band_verdict(scale, D(130), bands["Sangat Tinggi"], "either", "top") is True
    assert band_verdict(scale, D(130), bands["Sangat Tinggi"], "either", "skip") is None
    maluku = cfg.scales["maluku-tengah"]
    mbands = {b.label: b for b in maluku.bands}
    assert band_verdict(maluku, D(75), mbands["Baik"], "either", "top") is True
    assert band_verdict(maluku, D(75), mbands["Sangat Baik"], "either", "top") is False


def test_display_helpers() -> None:
    assert calc.pct(D("58.8235")) == "58,82%"
    assert calc.pct(None) == "—"
    assert calc.show(Quantity(raw="50", value=D(50), unit=Unit.PERCENT)) == "50%"
    assert calc.show(q("Rp 1.841.579.374")) == "Rp 1.841.579.374"
