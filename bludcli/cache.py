"""A per-user cache of what is slow to rebuild from a rules file, keyed by the file's content.

The national chart of accounts has 16,000 rows; parsing it takes longer than checking a
report. Its parsed form is kept as a pickle under the user's cache folder ($BLUDCLI_CACHE_DIR,
else $XDG_CACHE_HOME/bludcli, else ~/.cache/bludcli) and used again while the file's bytes are
the same. The cache is only an optimisation: a folder that cannot be read or written, or an
entry that cannot be loaded, means the file is parsed as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bludcli import collector

T = TypeVar("T")
VERSION = 3  # part of every key: change it when a cached form changes


def folder() -> Path:
    if os.environ.get("BLUDCLI_CACHE_DIR"):
        return Path(os.environ["BLUDCLI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bludcli"


def remembered(kind: str, content: bytes, build: Callable[[], T]) -> T:
    """build(), or what it gave before for the same `kind` and `content`."""
    digest = hashlib.sha256(content + f"/{kind}/{VERSION}".encode()).hexdigest()
    entry = folder() / f"{kind}-{digest[:32]}.pickle"
    try:
        with open(entry, "rb") as fh, collector.paused():  # plain data: no cycles
            return pickle.load(fh)  # noqa: S301 - written by bludcli itself, in the user's own folder
    except Exception:  # noqa: BLE001 - absent, unreadable or stale: rebuild it
        pass
    value = build()
    import tempfile  # only when an entry is written: rarely

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        pass
    return value
