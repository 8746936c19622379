"""How many examples a property test draws: the count it names, times ALINEA_PROPERTY_SCALE (1 by
default, so `make test` stays quick; CI sets more, see .ci/run, to reach rarer inputs such as a list
inside a <nav> inside a list item)."""
from __future__ import annotations

import os

_RAW = os.environ.get("ALINEA_PROPERTY_SCALE", "1")
SCALE = int(_RAW) if _RAW.isascii() and _RAW.isdigit() and 0 < int(_RAW) <= 100 else 1


def examples(count: int) -> int:
    return count * SCALE
