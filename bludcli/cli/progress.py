"""A progress bar on stderr for batches of files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_progress(count: int, lang: str) -> Iterator[Callable[[Path], None] | None]:
    """An on_file callback that advances a bar on stderr, or None when stderr is not a terminal
    or there is a single file."""
    if count < 2 or not sys.stderr.isatty():  # decided before importing rich: it takes a while
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    from bludcli.i18n import t

    stderr = Console(stderr=True)
    with Progress(console=stderr, transient=True) as progress:
        task = progress.add_task(t("cli.checking", lang), total=count)
        yield lambda _: progress.advance(task)
