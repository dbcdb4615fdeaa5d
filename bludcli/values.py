"""Cell values as people type them (contract section 2): amounts, account codes, dates,
months, years, revisions, labels and NIPs.

Every parser takes a raw cell value as python-calamine returns it (str, float, int, bool,
date, datetime, time, timedelta, or None / '' when empty) and never raises: a value it
cannot read comes back as None (or a reason code), and the checks decide the finding.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

MONTHS_ID: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

# Casefolded month names and abbreviations. English forms are accepted where they are
# unambiguous; "Pebruari" and "Nopember" are old spellings still common in official letters.
_MONTH_BY_NAME: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "ags", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nopember", "nop"),
            ("desember", "des", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def _whole_number(value) -> int | None:
    """An int or integral float cell as an int; None for bools, fractions, NaN, text, dates."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


# --- Amounts -------------------------------------------------------------------------

class Amount(NamedTuple):
    """An amount cell read as exact sen (1 rupiah = 100 sen).

    `sen` is None when the cell is not a number. `is_text` is True when the cell held text
    other than blanks or a dash: a number stored as text, or text that is not a number.
    """

    sen: int | None
    is_text: bool


_MAX_AMOUNT_TEXT = 64
# Zero as accounting formats show it: "-", "–", "—", also after the currency ("Rp -").
_ZERO_TEXT = re.compile(r"(?:(?:rp|idr)\.?\s*)?[-\u2212\u2013\u2014]", re.IGNORECASE)
# A sign ("-", the minus sign U+2212, or an opening parenthesis) may stand before or after
# the currency, never both; spaces are allowed between the parts but not inside the number.
# A trailing ",-" ("Rp 50.000,-") means no sen.
_AMOUNT_TEXT = re.compile(
    r"""
    (?P<sign>[-\u2212(])? \s*
    (?:(?:rp|idr)\.?)? \s*
    (?P<sign_after_currency>[-\u2212(])? \s*
    (?P<number>[0-9](?:[0-9.,]*[0-9])?)
    (?:,-)? \s*
    (?P<close>\))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Indonesian: dot thousands (groups of exactly 3 digits), comma decimals; or plain digits.
_INDONESIAN_NUMBER = re.compile(r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
# A single dot followed by 1-2 digits (pasted from a web system): a decimal point.
_DOT_DECIMAL_NUMBER = re.compile(r"[0-9]+\.[0-9]{1,2}")
# English: comma thousands, then a dot decimal part or at least two groups (else ambiguous).
_ENGLISH_NUMBER = re.compile(r"[1-9][0-9]{0,2}(?:(?:,[0-9]{3})+\.[0-9]+|(?:,[0-9]{3}){2,})")
# Wide enough for every digit a 64-character text can hold.
_EXACT = Context(prec=100)


def _to_sen(number: Decimal) -> int:
    """Exact value in sen, rounded half-up (away from zero on a tie)."""
    return int(number.scaleb(2, _EXACT).to_integral_value(ROUND_HALF_UP))


def _number_text(text: str) -> Decimal | None:
    """The unsigned number part of an amount text, in any accepted notation."""
    if _INDONESIAN_NUMBER.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL_NUMBER.fullmatch(text):
        return Decimal(text)
    if _ENGLISH_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return None


def parse_amount(value) -> Amount:
    """Read an amount cell: a numeric cell, or text in Indonesian notation."""
    if value is None:
        return Amount(0, False)
    if isinstance(value, bool):
        return Amount(None, False)
    if isinstance(value, int):
        return Amount(value * 100, False)
    if isinstance(value, float):
        if not math.isfinite(value):
            return Amount(None, False)
        return Amount(_to_sen(Decimal(repr(value))), False)
    if not isinstance(value, str):
        return Amount(None, False)

    text = value.strip()
    if not text or _ZERO_TEXT.fullmatch(text):
        return Amount(0, False)
    if len(text) > _MAX_AMOUNT_TEXT:
        return Amount(None, True)
    match = _AMOUNT_TEXT.fullmatch(text)
    if not match:
        return Amount(None, True)
    signs = [s for s in (match["sign"], match["sign_after_currency"]) if s]
    if len(signs) > 1 or (signs == ["("]) != bool(match["close"]):
        return Amount(None, True)
    number = _number_text(match["number"])
    if number is None:
        return Amount(None, True)
    sen = _to_sen(number)
    return Amount(-sen if signs else sen, True)


def format_amount(sen: int) -> str:
    """The JSON form of an amount: "12500000.00", "-1500.50"."""
    rupiah, rest = divmod(abs(sen), 100)
    return f"{'-' if sen < 0 else ''}{rupiah}.{rest:02d}"


def format_rupiah(sen: int) -> str:
    """Indonesian display of an amount: "12.500.000,00", "-1.500,50"."""
    rupiah, rest = divmod(abs(sen), 100)
    return f"{'-' if sen < 0 else ''}{group_thousands(rupiah)},{rest:02d}"


def group_thousands(number: int) -> str:
    """A whole number as Indonesian writes it: 1234567 -> "1.234.567"."""
    return f"{number:,}".replace(",", ".")


# --- Account codes -------------------------------------------------------------------

Code = tuple[int, ...]

_CODE_TEXT = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,11}")
_SPACED_DOT = re.compile(r"\s*\.\s*")
# Zero-padding widths of the national chart's six levels (5.1.02.01.01.0024).
_CODE_WIDTHS = (1, 1, 2, 2, 2, 4)


def parse_code(value) -> Code | None:
    """Read an account code as its segment numbers: "4.1.04.16.01.0001" -> (4, 1, 4, 16, 1, 1)."""
    if value.__class__ is str and _CODE_TEXT.fullmatch(value):  # the common, canonical case
        return tuple(map(int, value.split(".")))
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        # A code typed into a numeric cell: 4.0 was typed "4", 5.12 was typed "5.12".
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, (int, str)):
        text = str(value)
    else:
        return None
    text = _SPACED_DOT.sub(".", text.strip()).removesuffix(".")
    if not _CODE_TEXT.fullmatch(text):
        return None
    return tuple(int(segment) for segment in text.split("."))


def format_code(code: Code) -> str:
    """Canonical zero-padded display: (5, 1, 2, 1, 1, 24) -> "5.1.02.01.01.0024"."""
    widths = _CODE_WIDTHS + (1,) * max(0, len(code) - len(_CODE_WIDTHS))
    return ".".join(f"{segment:0{width}d}" for segment, width in zip(code, widths))


# --- Dates, months, years, revisions -------------------------------------------------

_DAY_FIRST_DATE = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_YEAR_FIRST_DATE = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})")
_NAMED_MONTH_DATE = re.compile(r"([0-9]{1,2})[\s./-]+([a-z]+)[\s./-]+([0-9]{4})", re.IGNORECASE)


def parse_date(value) -> date | None:
    """Read a date cell or a date typed as text; None when it is not a valid date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _DAY_FIRST_DATE.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _YEAR_FIRST_DATE.fullmatch(text):
        year, _, month, day = match.groups()
    elif match := _NAMED_MONTH_DATE.fullmatch(text):
        day, name, year = match.groups()
        month = _MONTH_BY_NAME.get(name.casefold())
        if month is None:
            return None
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_month(value) -> int | None:
    """Read a month: 1-12 as a number or text ("03"), or its name ("Maret", "mar")."""
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[0-9]{1,2}", text):
            return _MONTH_BY_NAME.get(text.casefold().removesuffix("."))
        number = int(text)
    else:
        number = _whole_number(value)
    return number if number is not None and 1 <= number <= 12 else None


def parse_year(value) -> int | None:
    """Read a 4-digit year between 1900 and 2999."""
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if re.fullmatch(r"[0-9]{4}", text) else None
    else:
        number = _whole_number(value)
    return number if number is not None and 1900 <= number <= 2999 else None


def parse_revision(value) -> int | None:
    """Read a revision number: an integer >= 0; an empty cell is revision 0."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        number = int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None
    elif value is None:
        return 0
    else:
        number = _whole_number(value)
    return number if number is not None and number >= 0 else None


# --- Text and labels -----------------------------------------------------------------

def parse_text(value) -> str:
    """A text cell as a stripped string; numbers and dates as a person would read them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def normalize_label(value) -> str:
    """A label reduced to its casefolded letters and digits: "s.d. Bulan Ini" -> "sdbulanini"."""
    text = value if isinstance(value, str) else parse_text(value)
    return _NOT_ALNUM.sub("", text.casefold())


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() plus "_"


# --- NIP -----------------------------------------------------------------------------

class NipCheck(NamedTuple):
    """The 18 digits of a valid NIP, or the reason it is not valid."""

    digits: str | None
    reason: str | None


_NIP_PREFIX = re.compile(r"^\s*NIP\s*[.:]?\s*", re.IGNORECASE)


def check_nip(value, *, born_min_year: int = 1940) -> NipCheck:
    """Check a NIP: YYYYMMDD birth date, YYYYMM appointment, gender digit, sequence number.

    Reasons, in the order they are checked: "number", "empty", "length", "birth-date",
    "appointment", "too-young", "gender", "sequence".
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return NipCheck(None, "number")
    text = _NIP_PREFIX.sub("", parse_text(value))  # "NIP. 19800101 …" as in a signature block
    if not text:
        return NipCheck(None, "empty")
    digits = "".join(text.split())
    if not re.fullmatch(r"[0-9]{18}", digits):
        return NipCheck(None, "length")
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return NipCheck(None, "birth-date")
    if born.year < born_min_year or born > date.today():
        return NipCheck(None, "birth-date")
    appointed = (int(digits[8:12]), int(digits[12:14]))
    if not 1 <= appointed[1] <= 12:
        return NipCheck(None, "appointment")
    if appointed < (born.year + 18, born.month):
        return NipCheck(None, "too-young")
    if digits[14] not in "12":
        return NipCheck(None, "gender")
    if digits[15:18] == "000":
        return NipCheck(None, "sequence")
    return NipCheck(digits, None)
