"""lapkin-audit: read Indonesian performance reports (PDF/DOCX) and audit them."""

__version__ = "0.1.0"
