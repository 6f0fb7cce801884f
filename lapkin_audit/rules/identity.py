"""Identity: the NIP of the signing official (I501) and the signature block itself (I502)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lapkin_audit.model import Finding, Message, Report, Severity, Signature
from lapkin_audit.rules.dates import as_date, report_date
from lapkin_audit.rules.registry import Context, Rule, register

_PREFIX = re.compile(r"^\s*NIP\s*[.:]?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.]+")


@dataclass
class Problem:
    severity: Severity
    message: Message


def _problem(severity: Severity, text_id: str, text_en: str) -> Problem:
    return Problem(severity, Message(id=text_id, en=text_en))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def has_nip(signature: Signature) -> bool:
    """A NIP line with at least one digit; ``NIP. ........`` is a blank placeholder."""
    return any(ch.isdigit() for ch in signature.nip or "")


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class NipCheck:
    """The checks of domain.md 8.1–8.2 on one printed NIP."""

    def __init__(self, printed: str, on: dt.date | None, ages: dict[str, int]) -> None:
        self.printed = _PREFIX.sub("", printed).strip()
        self.digits = _SEPARATORS.sub("", self.printed)
        self.on = on
        self.ages = ages

    def problems(self) -> list[Problem]:
        if not self.digits.isdigit():
            return [_problem(Severity.ERROR, "memuat karakter selain angka",
                             "contains characters other than digits")]
        if len(self.digits) == 9:
            return [_problem(Severity.WARNING,
                             "NIP lama 9 digit; sejak 2007/2009 NIP terdiri atas 18 digit",
                             "old 9-digit NIP (NIP lama); NIPs have had 18 digits since 2007/2009")]
        if len(self.digits) != 18:
            n = len(self.digits)
            return [_problem(Severity.ERROR, f"terdiri atas {n} digit, seharusnya 18",
                             f"has {n} digits, expected 18")]
        return self._fields()

    def _fields(self) -> list[Problem]:
        d = self.digits
        birth = _date(int(d[0:4]), int(d[4:6]), int(d[6:8]))
        tmt_year, tmt_month = int(d[8:12]), int(d[12:14])
        tmt = _date(tmt_year, tmt_month, 1) if tmt_year >= 1900 else None
        problems = []
        if birth is None or birth.year < 1900:
            problems.append(_problem(Severity.ERROR,
                                     f"digit 1–8 ({d[0:8]}) bukan tanggal lahir yang valid",
                                     f"digits 1–8 ({d[0:8]}) are not a valid birth date"))
        if d[14] not in "12":
            problems.append(_problem(Severity.ERROR,
                                     f"digit 15 (jenis kelamin) {d[14]}, seharusnya 1 atau 2",
                                     f"digit 15 (gender) is {d[14]}, expected 1 or 2"))
        if d[15:18] == "000":
            problems.append(_problem(Severity.ERROR, "nomor urut (digit 16–18) 000",
                                     "serial number (digits 16–18) is 000"))
        if tmt is None:
            return problems + [self._tmt_unreadable(bool(problems))]
        return problems + self._tmt_plausible(birth, tmt)

    def _tmt_unreadable(self, other_errors: bool) -> Problem:
        tmt = self.digits[8:14]
        if other_errors:
            return _problem(Severity.ERROR, f"digit 9–14 ({tmt}) bukan TMT CPNS yang valid",
                            f"digits 9–14 ({tmt}) are not a valid TMT CPNS (YYYYMM)")
        return _problem(Severity.INFO,
                        f"digit 9–14 ({tmt}) bukan TMT CPNS (tahun-bulan); mungkin NI PPPK",
                        f"digits 9–14 ({tmt}) are not a TMT CPNS (year-month); "
                        "possibly an NI PPPK")

    def _tmt_plausible(self, birth: dt.date | None, tmt: dt.date) -> list[Problem]:
        text = self.digits[8:14]
        problems = []
        if self.on is not None and (tmt.year, tmt.month) > (self.on.year, self.on.month):
            problems.append(_problem(Severity.ERROR,
                                     f"TMT CPNS {text} sesudah tanggal laporan",
                                     f"TMT CPNS {text} is after the report date"))
        if birth is None:
            return problems
        if tmt < birth:
            return problems + [_problem(Severity.ERROR, f"TMT CPNS {text} sebelum tanggal lahir",
                                        f"TMT CPNS {text} is before the birth date")]
        age = _age(birth, tmt)
        low, high = self.ages.get("min"), self.ages.get("max")
        if low is not None and age < low:
            problems.append(_problem(Severity.WARNING,
                                     f"usia saat TMT CPNS {age} tahun, di bawah {low}",
                                     f"age at TMT CPNS is {age}, under {low}"))
        if high is not None and age > high:
            problems.append(_problem(Severity.WARNING,
                                     f"usia saat TMT CPNS {age} tahun, di atas {high}",
                                     f"age at TMT CPNS is {age}, over {high}"))
        return problems


@register
class NipInvalid(Rule):
    """The NIP in a signature block is not a valid 18-digit NIP.

    ## What it checks
    Each distinct NIP printed in a signature block (``NIP. 19681114 199003 1 004``: 18
    digits, unbroken or spaced 8-6-1-3):

    - 18 digits (error otherwise); a 9-digit number → warning "NIP lama";
    - digits 1–8 a valid birth date ``YYYYMMDD`` (error);
    - digits 9–14 a valid TMT CPNS ``YYYYMM``, not before the birth date and not after the
      report date (error); when **only** these digits fail, the number is probably an NI PPPK
      (whose layout differs) → info, not an error;
    - digit 15 (gender) 1 or 2, digits 16–18 (serial) 001–999 (error);
    - age at TMT CPNS within the pack's ``nip.age_at_tmt`` bounds (18–40) → warning only.

    One finding per NIP lists every problem; its severity is the highest of them.

    ## Why it matters
    A mistyped NIP makes the signature unattributable; in a published report it is copied
    into every later report of the unit.

    ## Legal basis
    Perka BKN 22/2007 and 43/2007 (18-digit NIP); PP 11/2017 Pasal 23 ayat 1 huruf a (age at
    CPNS application).

    ## Example (fails)
    ``NIP. 19681314 199003 1 004`` (month 13), ``NIP. 19681114 199003 3 004`` (gender 3),
    ``NIP. 19681114 19900 1 004`` (17 digits).

    ## Example (passes)
    ``NIP. 19681114 199003 1 004``: born 14 Nov 1968, CPNS March 1990 (age 21), male, no. 4.
    """

    code = "I501"
    name = "nip-invalid"
    family = "identity"
    default_severity = Severity.ERROR
    packs = ("nip",)
    template = Message(id="NIP {actual} tidak valid: {reason}", en="Invalid NIP {actual}: {reason}")

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        ages = (ctx.pack.section("nip").get("age_at_tmt") or {}) if ctx.pack else {}
        seen: set[str] = set()
        for signature in report.signatures:
            if not has_nip(signature):
                continue
            on = signature.date or as_date(ctx.submitted) or report_date(report)
            nip = NipCheck(signature.nip, on, ages)
            if nip.digits in seen:
                continue
            seen.add(nip.digits)
            finding = self._finding(signature, nip)
            if finding is not None:
                yield finding

    def _finding(self, signature: Signature, nip: NipCheck) -> Finding | None:
        problems = nip.problems()
        if not problems:
            return None
        severity = max((p.severity for p in problems), key=lambda s: s.rank)
        reason = Message(id="; ".join(p.message.id for p in problems),
                         en="; ".join(p.message.en for p in problems))
        return self.finding(signature.nip_loc or signature.loc, actual=nip.printed,
                            severity=severity, reason=reason)


_PARTS = {
    "name": Message(id="nama", en="name"),
    "nip": Message(id="NIP", en="NIP"),
    "date": Message(id="tanggal", en="date"),
}


@register
class SignatureMissing(Rule):
    """The report has no signature block, or one without a name, NIP or date.

    ## What it checks
    That the report has at least one signature block (``<Tempat>, <tanggal>``, jabatan, name,
    NIP), and that each block found prints the signer's name, NIP and a date. A date that is
    printed but impossible is D403's, not this rule's.

    ## Why it matters
    A performance report is the head's accountability statement: an unsigned or undated
    report cannot be attributed, and its timeliness (D401) cannot be judged.

    ## Legal basis
    Permenpan RB 53/2014 (the LKj is signed by the head of the agency).

    ## Example (fails)
    A report ending with ``CAMAT SENDURO`` and a name but no ``NIP.`` line; a report with no
    signature block at all.

    ## Example (passes)
    ``Senduro, 30 Juni 2023`` · ``CAMAT SENDURO`` · name · ``NIP. 19681114 199003 1 004``.
    """

    code = "I502"
    name = "signature-missing"
    family = "identity"
    default_severity = Severity.ERROR
    template = Message(id="Blok tanda tangan tanpa {missing}",
                       en="Signature block without {missing}")
    no_block = Message(
        id="Tidak ditemukan blok tanda tangan (tempat dan tanggal, jabatan, nama, NIP)",
        en="No signature block found (place and date, position, name, NIP)",
    )

    def check(self, report: Report, ctx: Context) -> Iterator[Finding]:
        if not report.signatures:
            yield self.finding(template=self.no_block)
            return
        for signature in report.signatures:
            missing = self._missing(signature)
            if missing:
                yield self.finding(signature.loc, missing=Message(
                    id=", ".join(_PARTS[m].id for m in missing),
                    en=", ".join(_PARTS[m].en for m in missing),
                ))

    @staticmethod
    def _missing(signature: Signature) -> list[str]:
        missing = []
        if not (signature.name or "").strip():
            missing.append("name")
        if not has_nip(signature):
            missing.append("nip")
        if signature.date is None and not (signature.date_raw or "").strip():
            missing.append("date")
        return missing
