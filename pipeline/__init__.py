"""council-facts: facts from UK council reports, as schema-validated JSON with evidence.

>>> from pipeline import extract
>>> [f.value.amount for f in extract("Savings of £1.2bn were agreed.").facts]
['1200000000']
"""

from __future__ import annotations

__version__ = "0.1.0"

from pipeline.errors import ErrorCode, ExtractionError  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.schema import DocumentFacts  # noqa: E402

__all__ = ["DocumentFacts", "ErrorCode", "ExtractionError", "__version__", "extract"]
