"""Rendering: domain records in, text, JSON, CSV and iCalendar out. Pure: no store, no use cases, no CLI.

phrases         the one place that says when and where a meeting is
reports         records -> the report JSON and CSV (one dictionary per entity)
report_text     the same dictionaries as aligned text or rich tables
extraction      an Extraction -> the JSON of SCHEMA.md or a readable summary
calendar_model  what a calendar entry needs (CalendarMeeting, CalendarTodo)
calendar        calendar entries -> .ics bytes (RFC 5545 written directly)
"""
