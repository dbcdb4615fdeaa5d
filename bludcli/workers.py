"""Run one job per item in forked worker processes: in parallel, in input order, and so that
a reader that crashes or hangs on one file costs that file, not the batch.

python-calamine is native code: on some damaged files it aborts the process, which no
`except` catches, or runs for ever. Each worker is a fork of this process (the district's
rules are already loaded, nothing is pickled on the way in); it takes item numbers from a
pipe and sends back pickled results on another (two os.pipe()s: multiprocessing.connection
would cost more to import than a small batch takes to check). A worker holds two items while
many are left, so that it goes from one to the next without waiting for this process: each
wake-up of a process costs more than a small file's check on a virtual machine.

A worker that dies is replaced. The item it was on is given once more (a worker killed from
outside costs no file) and gives `lost(item, "reader-stopped")` when a second worker dies on
it; the item it held next is given again. One past `seconds` on an item is killed and gives
`lost(item, "too-slow")`. Where there is no fork (Windows) the items are run here, one after
the other.

Workers do not outlive a batch that is killed outright (SIGKILL, the out-of-memory killer):
each holds only its own pipes, so a worker waiting for its next item reads the end of its pipe
and leaves, and an alarm ends a worker that is still on an item `ALARM_MARGIN` seconds after its
time limit, even inside native code.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
import selectors
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# True in a worker process: a crash there loses only the worker (see workbook.Workbook).
in_worker = False
ALARM_MARGIN = 2  # seconds after an item's time limit; by then a living parent has killed the worker


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_all(items: Sequence[Item], job: Callable[[Item], Result], lost: Callable[[Item, str], Result],
            jobs: int, seconds: float, on_done: Callable[[Item], None] | None = None) -> list[Result]:
    """job(item) for every item, in the order of `items`; `on_done` is called as each ends."""
    if not hasattr(os, "fork") or not items:
        results = []
        for item in items:
            results.append(job(item))
            if on_done:
                on_done(item)
        return results
    return _Pool(items, job, lost, max(1, min(jobs, len(items))), seconds, on_done).run()


class _Channel:
    """One side of a worker's two pipes: pickled messages, each after its length in 8 bytes.
    recv() raises EOFError when the other side has gone."""

    def __init__(self, incoming: int, outgoing: int):
        self.incoming, self.outgoing = incoming, outgoing

    def fileno(self) -> int:
        return self.incoming

    def send(self, message) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(8, "little") + data)
        while view:
            view = view[os.write(self.outgoing, view):]

    def recv(self):
        return pickle.loads(self._read(int.from_bytes(self._read(8), "little")))

    def _read(self, size: int) -> bytes:
        parts = []
        while size:
            part = os.read(self.incoming, min(size, 1 << 20))
            if not part:
                raise EOFError
            parts.append(part)
            size -= len(part)
        return b"".join(parts)

    def close(self) -> None:
        """Close both ends, once: a second close must not close a number reused since."""
        for fd in (self.incoming, self.outgoing):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.incoming = self.outgoing = -1


def _channels() -> tuple[_Channel, _Channel]:
    """The parent's and the worker's sides of two new pipes."""
    down_read, down_write = os.pipe()
    up_read, up_write = os.pipe()
    return _Channel(up_read, down_write), _Channel(down_read, up_write)


@dataclass(slots=True, repr=False, eq=False)
class _Worker:
    pid: int | None  # None once stopped and reaped
    conn: _Channel
    held: deque[int] = field(default_factory=deque)  # the items it was given, the one it is on first
    started: float = 0.0  # when it began its first held item


class _Pool:
    def __init__(self, items, job, lost, jobs, seconds, on_done):
        self.items, self.job, self.lost, self.jobs, self.seconds, self.on_done = items, job, lost, jobs, seconds, on_done
        self.results: list = [None] * len(items)
        self.next = 0
        self.again: deque[int] = deque()  # items to give before the next new one
        self.died_on: set[int] = set()  # items a worker died on once
        self.channels: set[_Channel] = set()  # this process's side of every worker's pipes
        self.selector = selectors.DefaultSelector()  # the busy workers' result pipes

    def run(self) -> list:
        gc.freeze()  # the workers share the loaded rules' memory pages instead of copying them
        workers: list[_Worker] = []
        try:
            for _ in range(self.jobs):
                try:
                    workers.append(self._start())
                except OSError:  # no more processes or pipes to be had: go on with those there are
                    if not workers:
                        raise
                    break
            workers = [self._fill(worker, depth=1) for worker in workers]  # one item each first
            workers = [self._fill(worker) for worker in workers]
            while busy := [w for w in workers if w.held]:
                ready = {key.data for key, _ in self.selector.select(self._until_deadline(busy))}
                for worker in busy:
                    if worker in ready:
                        workers[workers.index(worker)] = self._collect(worker)
                    elif time.monotonic() - worker.started > self.seconds:
                        workers[workers.index(worker)] = self._replace(worker, "too-slow")
        finally:
            for worker in workers:  # after an interrupt some still hold an item: they are killed
                self._stop(worker, kill=bool(worker.held))
            self.selector.close()
            gc.unfreeze()
        return self.results

    def _start(self) -> _Worker:
        parent, child = _channels()
        # Ctrl+C is held back across the fork: in the child, before it ignores it, it would
        # unwind this process's stack there (and run its cleanup twice).
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker, measured by the tests through its results
                for channel in (parent, *self.channels):  # the other workers' pipes are not its to hold
                    channel.close()
                _serve(child, self.items, self.job, self.seconds)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        child.close()
        self.channels.add(parent)
        return _Worker(pid, parent)

    def _fill(self, worker: _Worker, depth: int | None = None) -> _Worker:
        """Give `worker` items until it holds `depth`: by default two while more items are left
        than there are workers (it starts the second as soon as it sends the first's result,
        without waiting for this process to wake up), one near the end (the last items go to
        whichever worker is free first). Returns the worker that holds them: a fresh one when
        it died between items."""
        while len(worker.held) < (depth or (2 if self._left() > self.jobs else 1)) and self._left():
            index = self.again.popleft() if self.again else self._take_next()
            try:
                worker.conn.send(index)
            except OSError:  # it died: on its item (its result pipe tells), or after its last result
                self.again.appendleft(index)
                if worker.held:
                    break
                self._stop(worker, kill=True)
                worker = self._start()
                continue
            if not worker.held:
                worker.started = time.monotonic()
                self.selector.register(worker.conn, selectors.EVENT_READ, worker)
            worker.held.append(index)
        return worker

    def _left(self) -> int:
        return len(self.again) + len(self.items) - self.next

    def _take_next(self) -> int:
        index, self.next = self.next, self.next + 1
        return index

    def _collect(self, worker: _Worker) -> _Worker:
        try:
            index, result = worker.conn.recv()
        except (EOFError, OSError):  # the worker died on its item
            return self._replace(worker, "reader-stopped")
        worker.held.popleft()
        worker.started = time.monotonic()  # it went straight on to the next one it holds
        if not worker.held:
            self.selector.unregister(worker.conn)
        self._done(index, result)
        return self._fill(worker)

    def _replace(self, worker: _Worker, reason: str) -> _Worker:
        """Stop `worker` and start another in its place. The item it was on is lost, except the
        first time a worker dies on it (killed from outside, say): then it is given again. The
        items it held after that one go back to be given again."""
        index, *waiting = worker.held
        self._stop(worker, kill=True)
        self.again.extendleft(reversed(waiting))
        if reason == "reader-stopped" and index not in self.died_on:
            self.died_on.add(index)
            self.again.appendleft(index)
        else:
            self._done(index, self.lost(self.items[index], reason))
        return self._fill(self._start())

    def _done(self, index: int, result) -> None:
        self.results[index] = result
        if self.on_done:
            self.on_done(self.items[index])

    def _until_deadline(self, busy: list[_Worker]) -> float:
        return max(0.0, min(w.started for w in busy) + self.seconds - time.monotonic()) + 0.01

    def _stop(self, worker: _Worker, kill: bool = False) -> None:
        """Stop and reap the worker, once (an interrupt may come between a stop and its use)."""
        if worker.pid is None:
            return
        self.channels.discard(worker.conn)
        if worker.held:
            self.selector.unregister(worker.conn)
            worker.held.clear()
        if kill:
            os.kill(worker.pid, signal.SIGKILL)
        else:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        worker.conn.close()
        os.waitpid(worker.pid, 0)
        worker.pid = None


def quiet_stderr() -> None:
    """In a child process: what a native library writes to stderr (a Rust panic message) is not
    for the user, whose report names the file instead; kept with BLUDCLI_DEBUG=1."""
    if not os.environ.get("BLUDCLI_DEBUG"):
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
        os.close(quiet)


def _serve(conn: _Channel, items: Sequence, job: Callable, seconds: float) -> None:
    """The worker's loop; it leaves with os._exit so that nothing of the parent runs twice."""
    global in_worker
    in_worker = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm ends the process, whatever it runs
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (held back across the fork)
    quiet_stderr()
    alarm = math.ceil(seconds) + ALARM_MARGIN
    code = 0
    try:
        while (index := conn.recv()) is not None:
            signal.alarm(alarm)
            result = job(items[index])
            signal.alarm(0)
            conn.send((index, result))
    except BaseException:  # noqa: BLE001 - the parent reports the item as lost
        code = 1
    finally:
        os._exit(code)
