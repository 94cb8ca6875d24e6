"""Contract records: the facts of a document tied together into awards, extensions, variations,
terminations and planned procurements (linker.py), and their export as OCDS (ocds.py)."""

from pipeline.contracts.linker import link_contracts

__all__ = ["link_contracts"]
