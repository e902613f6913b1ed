"""Domain rules: pure functions over plain dataclasses, no database, no files, no CLI.

vocabulary  the kinds and statuses (StrEnums whose values are the strings stored and written in JSON)
ids         every id shape: slugs, document keys, meeting, decision, slot and venue ids, slot natural keys
consolidate one meeting across documents: facts clustered into meetings, the best fact per field, conflicts
overlay     what people said laid over the documents' meeting: fills, adopted decisions; revision fingerprints

The store reads rows, hands them to these rules as dataclasses and writes back what they return.
"""
