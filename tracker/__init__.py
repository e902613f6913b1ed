"""tracker: decisions, meetings and blanks of treaty-meeting documents."""

__version__ = "0.1.0"
