"""File-level refusals (E0xx): a report that cannot be audited is a result, not a crash."""

from __future__ import annotations

from lapkin_audit.model import Message

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

    def __init__(self, code: str, path: str, detail: str = "") -> None:
        if code not in FILE_ERRORS:
            raise ValueError(f"unknown file error code {code}")
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {code} {self.name}: {self.message('en')}")

    @property
    def name(self) -> str:
        return FILE_ERRORS[self.code][0]

    def message(self, lang: str = "id") -> str:
        return FILE_ERRORS[self.code][1].get(lang).format(detail=self.detail or "-")
