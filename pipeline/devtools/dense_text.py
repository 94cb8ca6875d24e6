"""Fact-dense text for the benchmark: a budget annex of N lines, each with a sum, a supplier and a
date, and no full stop anywhere, so that one "sentence" can be the whole document. This is the
text that once made extraction quadratic (2,000 / 8,000 lines took 6.4 / 92.8 s).

Made up here, deterministically: the same N gives the same text on every machine.
"""

from __future__ import annotations

import random

SUPPLIERS = (
    "Acme Services Ltd", "Brightwave Care Limited", "Kingsmere Transport Ltd", "Harbour Software plc",
    "Riverside Recovery CIC", "Northgate Facilities Management Ltd", "Oakfield Homes Limited",
    "Greenway Grounds Maintenance Ltd", "Beacon Learning Trust", "Meridian Highways Ltd",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SERVICES = ("Home care", "Waste collection", "Road resurfacing", "Software licences", "School transport",
            "Supported living", "Grounds maintenance", "Agency staff")


def annex_line(number: int, rng: random.Random) -> str:
    """One row, in one of the layouts budget annexes use (spaces, pipes, or a sentence fragment)."""
    supplier, service = rng.choice(SUPPLIERS), rng.choice(SERVICES)
    amount = f"£{rng.randint(1_000, 2_000_000):,}"
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2026)}"
    layout = number % 3
    if layout == 0:
        return f"{number} {supplier} {amount} {day}"
    if layout == 1:
        return f"{number} | {service} | {supplier} | {amount} | paid {day}"
    return f"{number} {service} from {supplier} for {amount} from {day}"


def annex_text(lines: int, seed: int = 0) -> str:
    """
    >>> annex_text(2).splitlines()[2].startswith("1 ")
    True
    >>> annex_text(50) == annex_text(50)
    True
    """
    rng = random.Random(seed)
    return "Appendix A: payments to suppliers\n\n" + "\n".join(annex_line(n, rng) for n in range(1, lines + 1)) + "\n"
