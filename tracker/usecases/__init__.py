"""Use cases: what a command does, from arguments to domain records. No Typer, no printing.

settings     the database URL from --db, $TRACKER_DB or the user data directory
ingest       file I/O: walking paths, size limits, hashing, decoding
services     ingest_paths, status, list_records, show, dump and restore, the schema
fill         filling blanks: fill, unfill, history, decide, suggestions
slot_values  the typed check of a value typed for a slot
exporting    the store's meetings and open items as a calendar feed
"""
