"""The ingesters by format name: each parser module registers itself with `ingester`."""
from __future__ import annotations

from typing import Callable

from alinea.model import Document

Ingester = Callable[[str, dict], Document]
FORMATS: dict[str, Ingester] = {}


def ingester(fmt: str) -> Callable[[Ingester], Ingester]:
    """Register a function (path, meta) -> Document for a format name."""
    def register(func: Ingester) -> Ingester:
        FORMATS[fmt] = func
        return func
    return register
