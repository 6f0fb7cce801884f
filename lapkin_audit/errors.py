"""File-level refusals (E0xx): a report that cannot be audited is a result, not a crash."""

from __future__ import annotations

import os

from lapkin_audit.model import Message


def display_text(text: str) -> str:
    """``text`` safe to print and JSON-encode: no lone surrogates.

    File names that are not valid UTF-8 arrive in Python as ``str`` with surrogate escapes
    (``b"lap\\xffkin.docx"`` → ``"lap\\udcffkin.docx"``); printing or encoding them as UTF-8
    raises. The undecodable bytes become U+FFFD; other lone surrogates become ``?``.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte produced
        return text.encode("utf-8", "replace").decode("utf-8")


def display_path(path: str | os.PathLike[str] | bytes) -> str:
    """A file path for messages and reports (see :func:`display_text`); never raises."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "replace")
    return display_text(os.fspath(path))


FILE_ERRORS: dict[str, tuple[str, Message]] = {
    "E001": (
        "unreadable",
        Message(
            id="Berkas rusak atau tidak dapat dibaca: {detail}. Simpan ulang atau ekspor ulang "
            "dokumen dari aplikasi aslinya, lalu periksa kembali.",
            en="The file is corrupt or unreadable: {detail}. Re-save or re-export it from the "
            "application that made it, then check again.",
        ),
    ),
    "E002": (
        "encrypted",
        Message(
            id="Berkas PDF terkunci kata sandi. Jalankan ulang dengan --password KATA_SANDI, "
            "atau minta unit pengirim mengirim berkas tanpa kata sandi.",
            en="The PDF is password-protected. Run again with --password PASSWORD, or ask the "
            "sending unit for an unprotected file.",
        ),
    ),
    "E003": (
        "no-text-layer",
        Message(
            id="PDF tidak memiliki lapisan teks (hasil pindai): {detail}. Jalankan OCR lebih "
            "dulu, misalnya `ocrmypdf -l ind masuk.pdf keluar.pdf`, lalu periksa hasilnya.",
            en="The PDF has no text layer (a scan): {detail}. Run OCR first, e.g. "
            "`ocrmypdf -l ind in.pdf out.pdf`, then check the result.",
        ),
    ),
    "E004": (
        "not-a-report",
        Message(
            id="Tidak ditemukan isi laporan kinerja (tabel capaian, perjanjian kinerja, anggaran "
            "atau periode): {detail}. Pastikan berkas yang dikirim adalah laporan kinerja.",
            en="No performance-report content found (no capaian, PK or budget table, no "
            "period): {detail}. Make sure this is a performance report.",
        ),
    ),
    "E005": (
        "unsupported-format",
        Message(
            id="Format berkas tidak didukung: {detail}. Kirim laporan sebagai PDF atau DOCX.",
            en="Unsupported file format: {detail}. Submit the report as PDF or DOCX.",
        ),
    ),
}


class FileError(Exception):
    """A report that cannot be audited at all, with its E-code."""

    def __init__(self, code: str, path: str | os.PathLike[str], detail: str = "") -> None:
        if code not in FILE_ERRORS:
            raise ValueError(f"unknown file error code {code}")
        self.code = code
        self.path = display_path(path)  # printable and JSON-safe, whatever the file name
        self.detail = display_text(detail)  # details may quote the path (exception texts)
        super().__init__(f"{self.path}: {code} {self.name}: {self.message('en')}")

    @property
    def name(self) -> str:
        return FILE_ERRORS[self.code][0]

    def message(self, lang: str = "id") -> str:
        return FILE_ERRORS[self.code][1].get(lang).format(detail=self.detail or "-")
