"""Build the open portal of government information disclosure annual reports.

Pipeline, one way: content -> read (bytes to RawDocument) -> parse (RawDocument to
report dict, the spec's contract) -> check (rules C1-C7) -> render (pages, charts,
exports) -> MkDocs.
"""
__version__ = "0.1.0"
