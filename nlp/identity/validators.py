"""Checksums and format rules for pattern recognisers (named in resources/identity_patterns.yaml).

Each validator returns a score: 1.0 valid, a lower score for a well-formed but unverifiable match,
0.0 to drop the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NI_NEVER_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
NI_BAD_FIRST = frozenset("DFIQUV")
NI_BAD_SECOND = frozenset("DFIOQUV")
PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_DATE_LIKE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")
FORMAT_ONLY = 0.6


def ni_number(text: str) -> float:
    """HMRC format rules; example prefixes (QQ) are well-formed but not issued: flagged at a lower score."""
    letters = re.sub(r"\s", "", text)[:2]
    if letters in NI_NEVER_PREFIXES:
        return 0.0
    if letters[0] in NI_BAD_FIRST or letters[1] in NI_BAD_SECOND:
        return FORMAT_ONLY
    return 1.0


def nhs_number(text: str) -> float:
    """Modulus 11 check digit (NHS Data Dictionary): weights 10..2 over the first nine digits."""
    digits = [int(c) for c in text if c.isdigit()]
    if len(digits) != 10:
        return 0.0
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return 1.0 if check != 10 and check == digits[9] else 0.0


def pnc_id(text: str) -> float:
    """PNC identifier YY/NNNNNNNL: the check letter is (two-digit year + serial padded to 7) mod 23."""
    year, rest = text.split("/")
    serial, letter = rest[:-1], rest[-1]
    number = int(year[-2:] + serial.zfill(7))
    return 1.0 if PNC_CHECK_LETTERS[number % 23] == letter else FORMAT_ONLY


def postcode(_text: str) -> float:
    """The recogniser's regex already encodes the full postcode grammar."""
    return 1.0


def case_reference(text: str) -> float:
    tail = re.split(r"[\s:#]+", text.strip())[-1]
    if _DATE_LIKE.match(tail) or tail.isalpha():
        return 0.0
    return 1.0


VALIDATORS: dict[str, Callable[[str], float]] = {
    "ni_number": ni_number, "nhs_number": nhs_number, "pnc_id": pnc_id, "postcode": postcode,
    "case_reference": case_reference,
}
