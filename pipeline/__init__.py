"""council-facts: facts from UK council reports, as schema-validated JSON with evidence.

>>> from pipeline import extract
>>> [f.value.amount for f in extract("Savings of £1.2bn were agreed.").facts]
['1200000000']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
SCHEMA_VERSION = "1.2"  # of the output; 1.2: reference_date origin "meeting" (council-facts watch)

if TYPE_CHECKING:
    from pipeline.errors import ErrorCode, ExtractionError
    from pipeline.extract import extract
    from pipeline.schema import DocumentFacts

# Imported on first use (PEP 562): the batch command's parent process reads `__version__` and
# must not pay for the extractor and the schema models, which only its workers use.
_LAZY = {"DocumentFacts": "pipeline.schema", "ErrorCode": "pipeline.errors",
         "ExtractionError": "pipeline.errors", "extract": "pipeline.extract"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = ["SCHEMA_VERSION", "DocumentFacts", "ErrorCode", "ExtractionError", "__version__", "extract"]
