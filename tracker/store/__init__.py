"""The relational store: the only package that imports sqlmodel and sqlalchemy.

`engine` opens databases, `tables` defines rows, `migrations` versions the schema, `writer` stores
extractions, `consolidate` merges one meeting's facts across documents, `queries` reads reports.
"""
