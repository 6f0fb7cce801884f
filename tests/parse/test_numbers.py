"""Tests for lapkin_audit.parse.numbers: printed cells in, Quantities out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapkin_audit.model import Unit
from lapkin_audit.parse.numbers import (
    NumberStyle,
    column_style,
    format_number,
    join_wrapped_numbers,
    parse_quantity,
    scaled_value,
)

D = Decimal


# --------------------------------------------------------------------------------------------
# Values, units and printed precision.


@pytest.mark.parametrize(
    ("text", "value", "unit", "unit_text", "decimals"),
    [
        # Indonesian
        ("1.841.579.374", D("1841579374"), Unit.NONE, None, 0),
        ("24,97%", D("24.97"), Unit.PERCENT, "%", 2),
        ("85 %", D("85"), Unit.PERCENT, "%", 0),
        ("85 persen", D("85"), Unit.PERCENT, "persen", 0),
        ("170%", D("170"), Unit.PERCENT, "%", 0),
        ("Rp 45.250.000.000,00", D("45250000000.00"), Unit.RUPIAH, "Rp", 2),
        ("Rp1.000,-", D("1000"), Unit.RUPIAH, "Rp", 0),
        ("Rp. 1.250.000", D("1250000"), Unit.RUPIAH, "Rp.", 0),
        ("Rp.1.250.000", D("1250000"), Unit.RUPIAH, "Rp.", 0),
        ("RP 1.250.000", D("1250000"), Unit.RUPIAH, "RP", 0),
        ("Rp. 1.250.000,-", D("1250000"), Unit.RUPIAH, "Rp.", 0),
        ("Rp 1.000,00", D("1000.00"), Unit.RUPIAH, "Rp", 2),
        ("1.000,-", D("1000"), Unit.NONE, None, 0),
        # English
        ("1,250,000.50", D("1250000.50"), Unit.NONE, None, 2),
        ("1,250,000", D("1250000"), Unit.NONE, None, 0),
        ("93.6", D("93.6"), Unit.NONE, None, 1),
        ("87.50%", D("87.50"), Unit.PERCENT, "%", 2),
        # negatives
        ("-1.250.000,00", D("-1250000.00"), Unit.NONE, None, 2),
        ("(1.250.000)", D("-1250000"), Unit.NONE, None, 0),
        ("Rp (1.250.000)", D("-1250000"), Unit.RUPIAH, "Rp", 0),
        ("(Rp 1.250.000)", D("-1250000"), Unit.RUPIAH, "Rp", 0),
        ("Rp -1.250.000", D("-1250000"), Unit.RUPIAH, "Rp", 0),
        ("\u22125,5", D("-5.5"), Unit.NONE, None, 1),  # Unicode minus sign
        # units in the cell; multiplier words keep the printed number
        ("97,56Milyar", D("97.56"), Unit.OTHER, "Milyar", 2),
        ("12,5 Milyar", D("12.5"), Unit.OTHER, "Milyar", 1),
        ("3 Miliar", D("3"), Unit.OTHER, "Miliar", 0),
        ("45 Org", D("45"), Unit.OTHER, "Org", 0),
        ("3 Desa/Kel", D("3"), Unit.OTHER, "Desa/Kel", 0),
        ("Rp 12,5 M", D("12.5"), Unit.RUPIAH, "M", 1),
        # seed strings
        ("Rp 2.520.758.374", D("2520758374"), Unit.RUPIAH, "Rp", 0),
        ("340,40%", D("340.40"), Unit.PERCENT, "%", 2),
        ("266.020.000", D("266020000"), Unit.NONE, None, 0),
        ("0", D("0"), Unit.NONE, None, 0),
    ],
)
def test_parse_quantity_values(
    text: str, value: Decimal, unit: Unit, unit_text: str | None, decimals: int
) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.unit_text, q.decimals) == (value, unit, unit_text, decimals)
    assert q.raw == text
    assert q.ambiguous is None
    assert q.note is None


def test_value_keeps_printed_precision() -> None:
    q = parse_quantity("Rp 1.000,00")
    assert str(q.value) == "1000.00"
    assert isinstance(q.value, Decimal)


def test_percent_column_gives_percent_unit() -> None:
    q = parse_quantity("85", percent_column=True)
    assert (q.value, q.unit, q.unit_text) == (D("85"), Unit.PERCENT, None)


def test_unit_in_cell_wins_over_percent_column() -> None:
    assert parse_quantity("45 Org", percent_column=True).unit is Unit.OTHER
    assert parse_quantity("Rp 1.000", percent_column=True).unit is Unit.RUPIAH


def test_percent_column_applies_to_placeholders_too() -> None:
    q = parse_quantity("-", percent_column=True)
    assert q.value is None and q.unit is Unit.PERCENT


# --------------------------------------------------------------------------------------------
# Not numbers, annotations.


@pytest.mark.parametrize(
    ("text", "note_part"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("n/a", "n/a"),
        ("N/A", "n/a"),
        ("-", "dash"),
        ("\u2013", "dash"),
        ("\u2014", "dash"),
        ("BB", "BB"),
        ("Rp -", "dash"),
        ("#DIV/0!", "spreadsheet error"),
        ("Capaian 6=4/5", "text"),
        ("Persentase hasil Fasilitasi", "text"),
        ("45 orang yang hadir dalam rapat koordinasi", "text"),
        ("85%\n90%", "several numbers"),
        ("1 2 3 4 5 6 7", "several numbers"),
        ("1.000.00", "malformed"),
        ("(1.250.000", "parenthesis"),
    ],
)
def test_not_a_number_has_note(text: str, note_part: str) -> None:
    q = parse_quantity(text)
    assert q.value is None
    assert q.decimals is None
    assert q.note is not None and note_part in q.note


def test_rupiah_dash_keeps_rupiah_unit() -> None:
    assert parse_quantity("Rp -").unit is Unit.RUPIAH


@pytest.mark.parametrize(
    ("text", "value", "note_part"),
    [
        ("40 (>100%)", D("40"), "(>100%)"),
        ("45 (>100%)", D("45"), "(>100%)"),
        ("Rp5.000.000,00 (lima juta rupiah)", D("5000000.00"), "lima juta"),
        ("\u2265 80%", D("80"), "comparator"),
        ("85%*", D("85"), "footnote"),
        ("100% dari target", D("100"), "dari target"),
    ],
)
def test_annotated_number_keeps_value_and_notes(text: str, value: Decimal, note_part: str) -> None:
    q = parse_quantity(text)
    assert q.value == value
    assert q.note is not None and note_part in q.note


def test_annotation_does_not_make_the_value_percent() -> None:
    assert parse_quantity("40 (>100%)").unit is Unit.NONE


# --------------------------------------------------------------------------------------------
# Numbers wrapped inside narrow cells.


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.652.30\n0.000", D("1652300000"), Unit.NONE),
        ("Rp\n1.001.749.03\n7", D("1001749037"), Unit.RUPIAH),
        ("Rp\n1.001.749.0\n37", D("1001749037"), Unit.RUPIAH),
        ("Rp\n371.041.\n745", D("371041745"), Unit.RUPIAH),
        ("1.250\n,00", D("1250.00"), Unit.NONE),
        ("1.25\n0.000", D("1250000"), Unit.NONE),
        ("Rp 1.\n250.\n000", D("1250000"), Unit.RUPIAH),
        ("24,97\n%", D("24.97"), Unit.PERCENT),
        ("24,\n97%", D("24.97"), Unit.PERCENT),  # a decimal wrapped after its comma
        ("1\n.000", D("1000"), Unit.NONE),
    ],
)
def test_wrapped_numbers_are_joined(text: str, value: Decimal, unit: Unit) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "85%\n90%",
        "85\n90",
        "85,5\n90",
        "1.25\n1.25",
        "1.250\n2.500",
        "85\n1.250.000",
        "1.250.000\n2.500.000",
        "85, 90",
    ],
)
def test_separate_numbers_on_two_lines_are_not_glued(text: str) -> None:
    assert parse_quantity(text).value is None
    assert len(join_wrapped_numbers(text).split()) == 2


def test_join_wrapped_numbers_normalises_whitespace() -> None:
    assert join_wrapped_numbers("Rp\n1.001.749.03\n7") == "Rp 1.001.749.037"
    assert join_wrapped_numbers("  Persentase  indikator ke-\n1 ") == "Persentase indikator ke- 1"


# --------------------------------------------------------------------------------------------
# The ambiguous shape and column style.


@pytest.mark.parametrize(
    ("text", "style", "value", "decimals"),
    [
        ("1.250", NumberStyle.INDONESIAN, D("1250"), 0),
        ("1.250", NumberStyle.ENGLISH, D("1.250"), 3),
        ("1,250", NumberStyle.INDONESIAN, D("1.250"), 3),
        ("1,250", NumberStyle.ENGLISH, D("1250"), 0),
        ("93.6", NumberStyle.INDONESIAN, D("93.6"), 1),  # 1-2 digits: always a decimal point
        ("87,5", NumberStyle.ENGLISH, D("87.5"), 1),
        ("1.250.000", NumberStyle.ENGLISH, D("1250000"), 0),  # the structure decides
    ],
)
def test_style_settles_the_ambiguous_shape(
    text: str, style: NumberStyle, value: Decimal, decimals: int
) -> None:
    q = parse_quantity(text, style=style)
    assert (q.value, q.decimals, q.ambiguous) == (value, decimals, None)


@pytest.mark.parametrize(
    ("text", "value"), [("1.250", D("1250")), ("1,250", D("1.250")), ("12.500%", D("12500"))]
)
def test_ambiguous_without_evidence_reads_indonesian_and_says_so(text: str, value: Decimal) -> None:
    for style in (None, NumberStyle.UNKNOWN):
        q = parse_quantity(text, style=style)
        assert q.value == value
        assert q.ambiguous is not None and "three digits" in q.ambiguous


@pytest.mark.parametrize("text", ["Rp 1.250", "Rp 1,250", "Rp1.250,-"])
def test_rupiah_is_never_three_decimals(text: str) -> None:
    q = parse_quantity(text)
    assert (q.value, q.ambiguous) == (D("1250"), None)


@pytest.mark.parametrize("text", ["0,125", "0.125", "1250.000", "1250,000"])
def test_shapes_that_cannot_be_thousands_are_decimals(text: str) -> None:
    q = parse_quantity(text)
    assert q.decimals == 3 and q.ambiguous is None


def test_thousands_dot_with_no_cents_mark_is_not_ambiguous() -> None:
    q = parse_quantity("1.250,-")
    assert (q.value, q.ambiguous) == (D("1250"), None)


@pytest.mark.parametrize(
    ("texts", "style"),
    [
        (["1.250.000", "2.500.000", "1.250"], NumberStyle.INDONESIAN),
        (["87,5", "90", "1,250"], NumberStyle.INDONESIAN),
        (["24,97%", "40,23%"], NumberStyle.INDONESIAN),
        (["Rp 1.000,-"], NumberStyle.INDONESIAN),
        (["Rp 1.250"], NumberStyle.INDONESIAN),
        (["1,250,000.50", "1,250"], NumberStyle.ENGLISH),
        (["93.6"], NumberStyle.ENGLISH),  # a decimal point: the column's own evidence
        (["87.5", "93.6", "1.250"], NumberStyle.ENGLISH),
        (["Rp\n1.001.749.03\n7"], NumberStyle.INDONESIAN),
        (["1.250", "2.500", "100"], NumberStyle.UNKNOWN),  # nothing proves either
        ([], NumberStyle.UNKNOWN),
        (["n/a", "-", ""], NumberStyle.UNKNOWN),
        (["1.250.000", "93.6"], NumberStyle.UNKNOWN),  # contradictory column
        (["1.250.000"] * 9 + ["1,250,000"], NumberStyle.INDONESIAN),  # one stray cell
    ],
)
def test_column_style(texts: list[str], style: NumberStyle) -> None:
    assert column_style(texts) is style


def test_mixed_document_is_decided_per_column() -> None:
    money = ["1.250.000", "2.500.000", "3.750.000"]
    percent = ["87.5", "93.6", "1.250"]
    assert column_style(money) is NumberStyle.INDONESIAN
    assert column_style(percent) is NumberStyle.ENGLISH
    assert parse_quantity("1.250", style=column_style(percent)).value == D("1.250")
    assert parse_quantity("1.250", style=column_style(money)).value == D("1250")


def test_seed_budget_columns_are_indonesian() -> None:
    pagu = ["266.020.000", "290.800.000", "1.841.579.374", "122.359.000"]
    capaian = ["24,97%", "40,23%", "46,07%", "35,72%"]
    assert column_style(pagu) is column_style(capaian) is NumberStyle.INDONESIAN


# --------------------------------------------------------------------------------------------
# Multipliers and formatting.


@pytest.mark.parametrize(
    ("text", "scaled"),
    [
        ("12,5 Milyar", D("12500000000")),
        ("97,56Milyar", D("97560000000")),
        ("Rp 1,2 Juta", D("1200000")),
        ("Rp 12,5 M", D("12500000000")),
        ("45 M", D("45")),  # "M" alone may be metres
        ("45 Org", D("45")),
        ("n/a", None),
    ],
)
def test_scaled_value(text: str, scaled: Decimal | None) -> None:
    assert scaled_value(parse_quantity(text)) == scaled


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "text"),
    [
        (D("58.8235"), 2, Unit.PERCENT, "58,82%"),
        (D("2520758374"), 0, Unit.RUPIAH, "Rp 2.520.758.374"),
        (D("1250.5"), 1, Unit.NONE, "1.250,5"),
        (D("-1250000"), 2, Unit.NONE, "-1.250.000,00"),
        (D("0.005"), 2, Unit.NONE, "0,01"),  # half up
    ],
)
def test_format_number(value: Decimal, decimals: int, unit: Unit, text: str) -> None:
    assert format_number(value, decimals, unit) == text


def test_format_number_english() -> None:
    assert format_number(D("1250000.5"), 2, style=NumberStyle.ENGLISH) == "1,250,000.50"


# --------------------------------------------------------------------------------------------
# Properties.

_NUMBERISH = st.text(alphabet="0123456789.,-()% \nRp\u2212\u2013MilyarOrg/>*", max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=80), _NUMBERISH))
def test_parse_quantity_never_raises(text: str) -> None:
    q = parse_quantity(text)
    assert q.raw == text
    assert (q.value is None) == (q.decimals is None)
    if q.value is None:
        assert q.note


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), _NUMBERISH), max_size=8))
def test_column_style_never_raises(texts: list[str]) -> None:
    assert column_style(texts) in NumberStyle


@st.composite
def _values(draw: st.DrawFn) -> tuple[Decimal, int, Unit]:
    unit = draw(st.sampled_from([Unit.PERCENT, Unit.RUPIAH, Unit.NONE]))
    # Rupiah never has three decimals: the parser reads "Rp 1,250" as 1250 by design.
    decimals = draw(st.sampled_from([0, 1, 2, 4] if unit is Unit.RUPIAH else [0, 1, 2, 3, 4]))
    value = draw(
        st.decimals(
            min_value=-(10**13),
            max_value=10**13,
            places=decimals,
            allow_nan=False,
            allow_infinity=False,
        )
    )
    return value, decimals, unit


@settings(max_examples=150, deadline=None)
@given(_values())
def test_format_then_parse_round_trips(case: tuple[Decimal, int, Unit]) -> None:
    value, decimals, unit = case
    q = parse_quantity(format_number(value, decimals, unit))
    assert q.value == value
    assert q.decimals == decimals
    assert q.unit is unit


@settings(max_examples=150, deadline=None)
@given(_values())
def test_english_format_then_parse_round_trips(case: tuple[Decimal, int, Unit]) -> None:
    value, decimals, unit = case
    printed = format_number(value, decimals, unit, style=NumberStyle.ENGLISH)
    q = parse_quantity(printed, style=NumberStyle.ENGLISH)
    assert (q.value, q.decimals, q.unit, q.ambiguous) == (value, decimals, unit, None)


@settings(max_examples=120, deadline=None)
@given(
    st.integers(min_value=1000, max_value=10**15),
    st.sampled_from([0, 2]),
    st.integers(min_value=4, max_value=14),  # no Rupiah column is narrower than "Rp 1"
    st.booleans(),
)
def test_a_grouped_amount_wrapped_at_any_width_reads_the_same(
    amount: int, decimals: int, width: int, currency_on_first_line: bool
) -> None:
    """Simulate a narrow cell: the printed amount broken into lines of ``width`` characters."""
    printed = format_number(Decimal(amount), decimals, Unit.RUPIAH)
    if not currency_on_first_line:
        printed = printed.removeprefix("Rp ")
    lines = [printed[i : i + width] for i in range(0, len(printed), width)]
    cell = ("" if currency_on_first_line else "Rp\n") + "\n".join(lines)
    assert parse_quantity(cell).value == amount
