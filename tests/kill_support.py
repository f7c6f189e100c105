"""Killing a job at an exact moment: just before its n-th change to the file system."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

_WATCHED = ("replace", "rename", "unlink", "mkdir", "rmdir", "open", "fsync")
MAX_STEPS = 400


def run_killed_at(step: int, job: Callable[[], object]) -> bool:
    """Run `job` in a child killed just before its `step`-th file-system change.
    True if the job finished first (so there are no more steps to try)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 3
        try:
            count = 0

            def watched(original: Callable[..., object]) -> Callable[..., object]:
                def call(*args: object, **kwargs: object) -> object:
                    nonlocal count
                    count += 1
                    if count == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return original(*args, **kwargs)

                return call

            for name in _WATCHED:
                setattr(os, name, watched(getattr(os, name)))
            job()
            code = 0
        except BaseException as error:  # reported through the exit code
            print(f"job failed in the child: {error!r}", file=sys.stderr)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return False
    assert os.WEXITSTATUS(status) == 0, f"the job failed (not killed) at step {step}"
    return True
