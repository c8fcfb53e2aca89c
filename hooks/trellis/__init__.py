"""Trellis' logic: plain modules that take paths, text and dicts, and know nothing of MkDocs."""
