"""Pure extraction: text in, an Extraction (data and diagnostics) out. No files, no database."""
