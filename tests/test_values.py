"""Value parsers (contract section 2): example tables and property tests."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bludcli.values import (
    MONTHS_ID,
    Amount,
    NipCheck,
    check_nip,
    format_amount,
    format_code,
    format_rupiah,
    normalize_label,
    parse_amount,
    parse_code,
    parse_date,
    parse_month,
    parse_revision,
    parse_text,
    parse_year,
)

NBSP = "\u00a0"

# --- Amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "sen"),
    [
        (1234567.89, 123456789),
        (5.0, 500),
        (0.1 + 0.2, 30),
        (-1500.5, -150050),
        (0.005, 1),
        (-0.005, -1),
        (1e16, 10**18),
        (7, 700),
        (0, 0),
        (-3, -300),
    ],
)
def test_amount_numeric_cell(value, sen):
    assert parse_amount(value) == Amount(sen, False)


@pytest.mark.parametrize(
    "value", [None, "", "   ", NBSP, "-", " - ", "–", "—", f"{NBSP}-{NBSP}", "Rp -", "Rp. -", "IDR –"]
)
def test_amount_empty_or_dash_is_zero(value):
    assert parse_amount(value) == Amount(0, False)


@pytest.mark.parametrize(
    ("text", "sen"),
    [
        ("1.234.567,89", 123456789),
        ("Rp 1.234.567", 123456700),
        ("Rp.1.234.567,00", 123456700),
        ("Rp1.234.567", 123456700),
        ("RP 1.234.567", 123456700),
        ("IDR 1.234.567", 123456700),
        ("(1.500.000)", -150000000),
        ("( 1.500.000 )", -150000000),
        ("(Rp 1.500.000)", -150000000),
        ("Rp (1.500.000)", -150000000),
        ("-1.500.000", -150000000),
        ("- 1.500.000", -150000000),
        ("\u22121.500", -150000),
        ("Rp -1.500", -150000),
        ("-Rp 1.500", -150000),
        (f"{NBSP}Rp{NBSP}1.234.567{NBSP}", 123456700),
        ("  1.234.567,89  ", 123456789),
        ("1234567", 123456700),
        ("1234567,5", 123456750),
        ("0,5", 50),
        ("1.234", 123400),
        ("Rp 50.000,-", 5000000),
        ("1234567.89", 123456789),
        ("1234567.8", 123456780),
        ("0.12", 12),
        ("1,234,567.89", 123456789),
        ("1,234.5", 123450),
        ("1,234,567", 123456700),
        ("1,234", 123),  # Indonesian decimal comma, rounded to sen
        ("1.234.567,895", 123456790),
        ("1.234.567,894", 123456789),
        ("-0,005", -1),
        ("007", 700),
        ("-0", 0),
        ("9" * 64, int("9" * 64) * 100),
    ],
)
def test_amount_text_number(text, sen):
    assert parse_amount(text) == Amount(sen, True)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "12.34.5",
        "1,2,3",
        "Rp",
        "Rp.",
        "1.234,5,6",
        "1.23.456",
        "12.3456",
        "0.125",
        "1.234.567.8",
        "1,234.567,8",
        ".5",
        ",5",
        "5,",
        "5.",
        "1 234 567",
        "--1.500",
        "-(1.500)",
        "(-1.500)",
        "(1.500",
        "1.500)",
        "1.500-",
        "Rp 1.500 Rp",
        "USD 1.500",
        "1e5",
        "١٢٣",
        "TRUE",
        "9" * 65,
        " " + "9" * 65 + " ",
    ],
)
def test_amount_text_not_a_number(text):
    assert parse_amount(text) == Amount(None, True)


@pytest.mark.parametrize(
    "value",
    [True, False, float("nan"), float("inf"), float("-inf"), date(2026, 3, 15), datetime(2026, 3, 15),
     time(12, 0), timedelta(days=1)],
)
def test_amount_other_types_not_a_number(value):
    assert parse_amount(value) == Amount(None, False)


@pytest.mark.parametrize(
    ("sen", "json", "rupiah"),
    [
        (1250000000, "12500000.00", "12.500.000,00"),
        (-150050, "-1500.50", "-1.500,50"),
        (0, "0.00", "0,00"),
        (5, "0.05", "0,05"),
        (-5, "-0.05", "-0,05"),
        (99999, "999.99", "999,99"),
        (100000, "1000.00", "1.000,00"),
    ],
)
def test_format_amount_and_rupiah(sen, json, rupiah):
    assert format_amount(sen) == json
    assert format_rupiah(sen) == rupiah


SEN = st.integers(min_value=-(10**17), max_value=10**17)


@st.composite
def indonesian_amount_text(draw):
    """An amount written as people do, with the sen it stands for."""
    sen = draw(SEN)
    body = format_rupiah(abs(sen))
    if sen % 100 == 0 and draw(st.booleans()):
        body = body.removesuffix(",00")
    currency = draw(st.sampled_from(["", "Rp ", "Rp", "Rp.", "Rp. ", "IDR ", f"Rp{NBSP}"]))
    if sen >= 0:
        text = currency + body
    else:
        text = draw(st.sampled_from([f"({currency}{body})", f"-{currency}{body}", f"{currency}-{body}",
                                     f"- {currency}{body}", f"{currency}({body})"]))
    padding = draw(st.sampled_from(["", " ", NBSP, "  "]))
    return padding + text + padding, sen


@settings(max_examples=300)
@given(indonesian_amount_text())
def test_amount_indonesian_text_roundtrip(case):
    text, sen = case
    assert parse_amount(text) == Amount(sen, True)


@settings(max_examples=200)
@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_amount_float_cell_roundtrip(sen):
    # A float with at most 15 significant digits keeps its decimal value exactly.
    assert parse_amount(float(format_amount(sen))) == Amount(sen, False)
    assert parse_amount(format_amount(sen)) == Amount(sen, True)


@settings(max_examples=200)
@given(st.floats(min_value=-1e12, max_value=1e12))
def test_amount_float_cell_rounds_to_nearest_sen(value):
    sen = parse_amount(value).sen
    # Rounding works on the float's shortest repr, within one ulp of its exact binary value.
    assert abs(Decimal(sen) - Decimal(value) * 100) <= Decimal("0.5") + Decimal(math.ulp(value)) * 100


# --- Account codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("4.1.04.16.01.0001", (4, 1, 4, 16, 1, 1)),
        ("4.1.4.16.1.1", (4, 1, 4, 16, 1, 1)),
        (" 4.1.04.16.01.0001 ", (4, 1, 4, 16, 1, 1)),
        (f"{NBSP}4.1.04.16.01.0001{NBSP}", (4, 1, 4, 16, 1, 1)),
        ("4.1.04.16.01.001", (4, 1, 4, 16, 1, 1)),
        ("5.1.", (5, 1)),
        ("5 . 1", (5, 1)),
        (f"5{NBSP}.{NBSP}1", (5, 1)),
        ("5.2.99.99.99.9999.01.02", (5, 2, 99, 99, 99, 9999, 1, 2)),
        ("4", (4,)),
        ("0", (0,)),
        (4.0, (4,)),
        (5.1, (5, 1)),
        (5.12, (5, 12)),
        (5.10, (5, 1)),
        (4, (4,)),
        (".".join(["1"] * 12), (1,) * 12),
        ("999999.1", (999999, 1)),
    ],
)
def test_code_accepted(value, code):
    assert parse_code(value) == code


@pytest.mark.parametrize(
    "value",
    [
        None, "", "   ", "abc", "5.a", "5..1", ".5", "5.1..", "-5.1", "5 1", "5,1", "5.1.2x", ".",
        ".".join(["1"] * 13), "1234567", "5.1234567", "١.٢", True, False, -4, -4.0, -5.1,
        float("nan"), float("inf"), 1e300, 4.1e-05, date(2026, 3, 15), datetime(2026, 3, 15), time(1, 0),
    ],
)
def test_code_rejected(value):
    assert parse_code(value) is None


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ((5, 1, 2, 1, 1, 24), "5.1.02.01.01.0024"),
        ((4, 1, 4, 16), "4.1.04.16"),
        ((4,), "4"),
        ((5, 2, 99, 99, 99, 9999, 1, 23), "5.2.99.99.99.9999.1.23"),
        ((12, 3, 456, 7, 8, 12345), "12.3.456.07.08.12345"),
    ],
)
def test_format_code(code, text):
    assert format_code(code) == text


CODES = st.lists(st.integers(min_value=0, max_value=999_999), min_size=1, max_size=12).map(tuple)


@settings(max_examples=200)
@given(CODES, st.sampled_from(["", " ", NBSP]), st.booleans())
def test_code_renderings_roundtrip(code, padding, trailing_dot):
    padded = format_code(code)
    unpadded = ".".join(str(segment) for segment in code)
    for text in (padded, unpadded, unpadded.replace(".", " . ")):
        assert parse_code(padding + text + ("." if trailing_dot else "") + padding) == code
    assert format_code(parse_code(padded)) == padded


# --- Dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        date(2026, 3, 15),
        datetime(2026, 3, 15, 10, 30),
        "15/03/2026",
        "15-03-2026",
        "15.03.2026",
        "2026-03-15",
        "2026/03/15",
        " 15/3/2026 ",
        "15 Maret 2026",
        "15 maret 2026",
        "15 MARET 2026",
        "15 Mar 2026",
        "15 Mar. 2026",
        "15-Mar-2026",
        "15 March 2026",
        f"15{NBSP}Maret{NBSP}2026",
    ],
)
def test_date_accepted(value):
    assert parse_date(value) == date(2026, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2/2026", date(2026, 2, 1)),
        ("17 Agt 2026", date(2026, 8, 17)),
        ("17 Ags 2026", date(2026, 8, 17)),
        ("17 Agu 2026", date(2026, 8, 17)),
        ("17 Aug 2026", date(2026, 8, 17)),
        ("1 Mei 2026", date(2026, 5, 1)),
        ("1 May 2026", date(2026, 5, 1)),
        ("10 Okt 2026", date(2026, 10, 10)),
        ("10 Oct 2026", date(2026, 10, 10)),
        ("10 Nopember 2026", date(2026, 11, 10)),
        ("31 Des 2026", date(2026, 12, 31)),
        ("31 Dec 2026", date(2026, 12, 31)),
        ("29 Pebruari 2028", date(2028, 2, 29)),
    ],
)
def test_date_month_names(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        None, "", "31/02/2026", "29/02/2027", "00/01/2026", "15/13/2026", "2026-02-30", "15 Foo 2026",
        "15 Maret", "Maret 2026", "15/03/26", "15/03-2026", "2026-03-15T00:00:00", "15032026",
        "32 Maret 2026", "abc", 46096.0, 46096, True, time(1, 0), timedelta(days=1),
    ],
)
def test_date_rejected(value):
    assert parse_date(value) is None


# --- Month, year, revision -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "month"),
    [
        (3.0, 3), (3, 3), ("3", 3), ("03", 3), (" 3 ", 3), ("12", 12), ("maret", 3), ("MARET", 3),
        (" Maret ", 3), ("Mar", 3), ("mar.", 3), ("Mei", 5), ("Agt", 8), ("Nopember", 11), ("Des", 12),
    ],
)
def test_month_accepted(value, month):
    assert parse_month(value) == month


@pytest.mark.parametrize(
    "value",
    [None, "", 0, 13, 0.0, 3.5, "0", "13", "003", "3.0", "Maretan", "Bulan Maret", "-3", True,
     float("nan"), date(2026, 3, 1)],
)
def test_month_rejected(value):
    assert parse_month(value) is None


@given(st.integers(min_value=1, max_value=12), st.sampled_from([str.lower, str.upper, str.title]),
       st.sampled_from(["", " ", NBSP]))
def test_month_every_form(month, case, padding):
    name = MONTHS_ID[month - 1]
    for value in (case(name), padding + name + padding, month, float(month), str(month), f"{month:02d}",
                  padding + str(month) + padding):
        assert parse_month(value) == month


def test_month_names():
    assert MONTHS_ID == ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                         "September", "Oktober", "November", "Desember")


@pytest.mark.parametrize(("value", "year"), [(2026.0, 2026), (2026, 2026), ("2026", 2026), (" 2026 ", 2026),
                                             (1900, 1900), ("2999", 2999)])
def test_year_accepted(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", [None, "", 1899, 3000, 2026.5, "26", "02026", "2026.0", "TA 2026", True,
                                   date(2026, 1, 1), float("inf")])
def test_year_rejected(value):
    assert parse_year(value) is None


@pytest.mark.parametrize(("value", "revision"), [(None, 0), ("", 0), ("  ", 0), (0.0, 0), (2.0, 2), (1, 1),
                                                 ("0", 0), (" 2 ", 2), ("02", 2)])
def test_revision_accepted(value, revision):
    assert parse_revision(value) == revision


@pytest.mark.parametrize("value", [-1, -1.0, 1.5, "abc", "-1", "1.5", "-", True, float("nan"),
                                   date(2026, 1, 1), "1" * 10])
def test_revision_rejected(value):
    assert parse_revision(value) is None


# --- Text and labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""), ("", ""), ("  Kode BLUD  ", "Kode BLUD"), (f"{NBSP}x{NBSP}", "x"), (5.0, "5"),
        (5.5, "5.5"), (7, "7"), (True, "TRUE"), (date(2026, 3, 15), "2026-03-15"),
        (datetime(2026, 3, 15), "2026-03-15"),
        (datetime(2026, 3, 15, 8, 30), "2026-03-15 08:30:00"), (time(8, 30), "08:30:00"),
    ],
)
def test_parse_text(value, text):
    assert parse_text(value) == text


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("s.d. Bulan Ini", "sdbulanini"),
        ("s/d bulan ini", "sdbulanini"),
        ("SD Bulan Ini", "sdbulanini"),
        ("S.D.BULAN INI", "sdbulanini"),
        ("Surplus / (Defisit)", "surplusdefisit"),
        ("SURPLUS/(DEFISIT)", "surplusdefisit"),
        ("Kode Rekening :", "koderekening"),
        ("No. Bukti", "nobukti"),
        ("Kode\u200bRekening\ufeff", "koderekening"),
        (f"Bulan{NBSP}Ini", "bulanini"),
        (None, ""),
        (1.0, "1"),
        (2026.0, "2026"),
    ],
)
def test_normalize_label(value, label):
    assert normalize_label(value) == label


# --- NIP -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["19800101 200501 1 001", "198001012005011001", f"19800101{NBSP}200501{NBSP}1{NBSP}001",
     " 19800101  200501 1 001 ", "19801231 199812 2 999", "19400101 195801 1 001", "19800615 199806 1 001"],
)
def test_nip_valid(value):
    assert check_nip(value) == NipCheck("".join(value.split()), None)


@pytest.mark.parametrize("value", ["NIP. 19800101 200501 1 001", "nip: 198001012005011001", "NIP 19800101 200501 1 001"])
def test_nip_with_the_prefix_of_a_signature_block(value):
    assert check_nip(value) == NipCheck("198001012005011001", None)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (198001012005011001, "number"),
        (1.98001012005011e17, "number"),
        (0.0, "number"),
        (None, "empty"),
        ("", "empty"),
        ("   ", "empty"),
        ("19800101 200501 1 00", "length"),
        ("19800101 200501 1 0011", "length"),
        ("19800101-200501-1-001", "length"),
        ("NIP. 1980 0101", "length"),
        ("1980010120050110O1", "length"),
        (True, "length"),
        (date(1980, 1, 1), "length"),
        ("19800231 200501 1 001", "birth-date"),
        ("19801301 200501 1 001", "birth-date"),
        ("19391231 200501 1 001", "birth-date"),
        ("29990101 299901 1 001", "birth-date"),
        ("19800101 200500 1 001", "appointment"),
        ("19800101 200513 1 001", "appointment"),
        ("19800615 199805 1 001", "too-young"),
        ("19800101 199712 1 001", "too-young"),
        ("19800101 200501 3 001", "gender"),
        ("19800101 200501 0 001", "gender"),
        ("19800101 200501 1 000", "sequence"),
    ],
)
def test_nip_invalid(value, reason):
    assert check_nip(value) == NipCheck(None, reason)


def test_nip_born_min_year():
    assert check_nip("19300101 195001 1 001").reason == "birth-date"
    assert check_nip("19300101 195001 1 001", born_min_year=1920).reason is None


@st.composite
def valid_nip(draw):
    """A valid NIP's 18 digits and the same NIP with random space grouping."""
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=date.today()))
    first_month = (born.year + 18) * 12 + born.month - 1
    appointed = first_month + draw(st.integers(min_value=0, max_value=600))
    digits = (f"{born:%Y%m%d}{appointed // 12:04d}{appointed % 12 + 1:02d}"
              f"{draw(st.sampled_from('12'))}{draw(st.integers(min_value=1, max_value=999)):03d}")
    gaps = draw(st.lists(st.sampled_from(["", "", " ", NBSP, "  "]), min_size=17, max_size=17))
    text = "".join(digit + gap for digit, gap in zip(digits, gaps + [""]))
    return digits, text


@settings(max_examples=200)
@given(valid_nip(), st.data())
def test_nip_generated(nip, data):
    digits, text = nip
    assert check_nip(text) == NipCheck(digits, None)

    position = data.draw(st.integers(min_value=0, max_value=17))
    shorter = digits[:position] + digits[position + 1:]
    longer = digits[:position] + data.draw(st.sampled_from("0123456789")) + digits[position:]
    assert check_nip(shorter) == NipCheck(None, "length")
    assert check_nip(longer) == NipCheck(None, "length")

    gender = data.draw(st.sampled_from("03456789"))
    assert check_nip(digits[:14] + gender + digits[15:]) == NipCheck(None, "gender")


# --- Never raise ---------------------------------------------------------------------

PARSERS = [parse_amount, parse_code, parse_date, parse_month, parse_year, parse_revision, parse_text,
           normalize_label, check_nip]

CELLS = st.one_of(
    st.none(),
    st.text(),
    st.floats(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)

AMOUNT_LIKE_TEXT = st.text(alphabet="0123456789.,-() RpIDR\u00a0", max_size=30)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.__name__)
@settings(max_examples=150)
@given(value=st.one_of(CELLS, AMOUNT_LIKE_TEXT))
def test_parsers_never_raise(parser, value):
    parser(value)


@settings(max_examples=300)
@given(st.one_of(st.text(), AMOUNT_LIKE_TEXT))
def test_amount_text_shape(text):
    amount = parse_amount(text)
    assert isinstance(amount, Amount)
    assert amount.sen is None or isinstance(amount.sen, int)
    assert amount.is_text or amount.sen == 0
