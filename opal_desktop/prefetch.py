"""Slow loads done a few items ahead on worker threads, handed back in order.

    for data in loaded_ahead(load_still, exhibits):
        write(data)

Reading a still from the vault (SQLCipher decrypts it) and hashing it release the GIL, so
two workers loading ahead overlap with each other and with the writer: an export of 200
stills then waits on the slowest of them, not on their sum. At most `lookahead` + 1 results
are held at once, so memory stays a few stills however large the package.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def loaded_ahead(
    load: Callable[[T], R], items: Iterable[T], *, workers: int = 2, lookahead: int = 3
) -> Generator[R, None, None]:
    """load(item) for each item, in order. Close the iterator (or let it finish) to stop the
    workers: an error or a cancel in the consumer then waits only for loads already running."""
    pending = iter(items)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="load")
    queued: deque[Future[R]] = deque()
    try:
        queued.extend(pool.submit(load, item) for item in itertools.islice(pending, lookahead))
        while queued:
            result = queued.popleft().result()
            queued.extend(pool.submit(load, item) for item in itertools.islice(pending, 1))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


QUICK_SWITCH_SECONDS = 0.0005
_switch_lock = threading.Lock()
_switch_users = 0
_switch_before = 0.0


@contextlib.contextmanager
def quick_gil_handoffs() -> Iterator[None]:
    """Within the block, a thread waiting for the GIL gets it after 0.5 ms, not 5 ms.

    A worker lets go of the GIL at every read and hash, and to go on must wait for a thread
    running Python (reportlab laying out pages) to be made to let go: by default after 5 ms.
    With a few such waits per still, 200 stills loaded beside a layout trail it by most of a
    second. The setting is process-wide; it is restored when the last block ends."""
    global _switch_users, _switch_before
    with _switch_lock:
        if _switch_users == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_before, QUICK_SWITCH_SECONDS))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_before)
