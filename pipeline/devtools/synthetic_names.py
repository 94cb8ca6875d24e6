"""Made-up supplier names, for teaching the organisation model the places a name stands in rather
than the names it happened to see: each training example is copied with its suppliers' and
bodies' names swapped for names like these ("NexaSoft", "Harbour Software", "brightwave",
"Kingsmere Care Ltd", "P and R Groundworks"). Seeded, so a rerun builds the same data."""

from __future__ import annotations

import random

STEMS = ["Nexa", "Bright", "Harbour", "River", "King", "Oak", "Summit", "Blue", "Green", "North", "Castle",
         "Meadow", "Vertex", "Apex", "Crest", "Willow", "Stone", "Iron", "Silver", "Lark", "Fern", "Holly",
         "Ash", "Moor", "Vale", "Orchard", "Beacon", "Anchor", "Falcon", "Heron", "Maple", "Cedar", "Thames",
         "Severn", "Pennine", "Wessex", "Mercia", "Tyne", "Kestrel", "Quay"]
ENDINGS = ["soft", "wave", "mere", "field", "ford", "gate", "point", "line", "view", "bridge", "wood", "tech",
           "works", "well", "side", "dale", "ley", "more", "hurst", "stead"]
HEADS = ["Software", "Recovery", "Care", "Services", "Construction", "Consulting", "Group", "Housing", "Trust",
         "Partnership", "Solutions", "Facilities", "Transport", "Leisure", "Homes", "Highways", "Engineering",
         "Support", "Foundation", "Associates", "Contracts", "Energy", "Systems", "Health", "Education",
         "Environmental", "Maintenance", "Catering", "Security", "Landscapes"]
TRADES = ["Groundworks", "Blacksmiths", "Builders", "Roofing", "Joinery", "Electrical", "Plumbing", "Surveyors"]
SUFFIXES = ["", "", "", " Ltd", " Limited", " plc", " LLP", " CIC", " Group Ltd", " (UK) Limited"]


def synthetic_name(rng: random.Random) -> str:
    """One made-up organisation name.

    >>> names = [synthetic_name(random.Random(seed)) for seed in range(200)]
    >>> len(set(names)) > 150 and all(n.strip() == n and n for n in names)
    True
    """
    stem, ending, head = rng.choice(STEMS), rng.choice(ENDINGS), rng.choice(HEADS)
    shape = rng.randrange(7)
    if shape == 0:
        name = stem + ending.capitalize()  # NexaSoft
    elif shape == 1:
        name = (stem + ending).lower()  # brightwave
    elif shape == 2:
        name = f"{stem}{ending} {head}"  # Kingsmere Care
    elif shape == 3:
        name = f"{stem} {head}"  # Harbour Software
    elif shape == 4:
        first, second = rng.sample("ABCDGHJKLMPRSTW", 2)
        name = f"{first} and {second} {rng.choice(TRADES)}"  # P and R Groundworks
    elif shape == 5:
        name = f"{stem}{ending} {head} {rng.choice(HEADS)}"  # Oakfield Housing Support
    else:
        name = f"{stem.upper()}{rng.choice(['', ' UK', ' Group'])}"  # NEXA UK
    return name + rng.choice(SUFFIXES)
