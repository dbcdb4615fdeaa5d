"""Pausing Python's cycle collector around work that allocates many objects without cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off for the block, then as it was. A block that builds tens of
    thousands of objects (a sheet's cells, a cached chart of accounts) sets the collector off
    again and again, each time rescanning everything built so far, for no garbage: without
    cycles, memory is freed by reference counting alone."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
