"""Readers: a PDF or DOCX file in, a :class:`lapkin_audit.model.Report` out."""
