"""One module per fact type: its spaCy component (finds spans) and its normaliser (values)."""
