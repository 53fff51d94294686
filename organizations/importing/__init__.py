"""Importing organizations from CSV or XLSX files: reading, row validation, COPY loading."""

from .service import ImportReport, organizations_import
from .validation import RowError

__all__ = ["ImportReport", "RowError", "organizations_import"]
