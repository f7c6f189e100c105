"""The helpers that let an export overlap its work: the file hash kept beside the writing,
and stills loaded ahead in order. A wrong hash here would put a wrong SHA-256 in the audit
trail for a package sent to the police, so they are checked against hashlib directly."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from pathlib import Path

import pytest

from opal_desktop.fileio import FollowingHash, atomic_output
from opal_desktop.prefetch import loaded_ahead, quick_gil_handoffs


def test_following_hash_matches_a_zip_written_with_header_rewrites(tmp_path: Path) -> None:
    # zipfile writes each entry's header, its data, then goes back to rewrite the header:
    # only bytes before the next entry are final, which is what the writer passes on.
    out = tmp_path / "package.zip"
    with atomic_output(out) as handle, FollowingHash(handle) as file_hash:
        with zipfile.ZipFile(handle, "w") as archive:
            for n in range(60):
                archive.writestr(f"exhibits/{n:03d}.jpg", os.urandom(20_000 + 997 * n))
                handle.flush()
                file_hash.advance(handle.tell())  # where the next entry starts
        digest, size = file_hash.finish()
    data = out.read_bytes()
    assert (digest, size) == (hashlib.sha256(data).hexdigest(), len(data))


def test_following_hash_sees_bytes_rewritten_after_the_final_mark(tmp_path: Path) -> None:
    # pyHanko writes a placeholder and fills it in later: only the final bytes may count.
    out = tmp_path / "report.pdf"
    with atomic_output(out) as handle, FollowingHash(handle) as file_hash:
        handle.write(b"%PDF-1.4 body " * 5000)
        final_upto = handle.tell()
        handle.write(b"0" * 4096 + b" trailer")  # on disk before the final part is read back
        handle.flush()
        file_hash.advance(final_upto)
        file_hash.settle()
        handle.seek(final_upto)
        handle.write(b"signature!" * 400)
        handle.seek(0, os.SEEK_END)
        digest, _size = file_hash.finish()
    assert digest == hashlib.sha256(out.read_bytes()).hexdigest()


def test_loaded_ahead_keeps_order_and_bounds_what_is_held() -> None:
    started: list[int] = []
    lock = threading.Lock()

    def load(n: int) -> int:
        with lock:
            started.append(n)
        return n * n

    results = []
    for got in loaded_ahead(load, range(40), lookahead=3):
        results.append(got)
        assert len(started) <= len(results) + 3  # never more than three loads ahead
    assert results == [n * n for n in range(40)]


def test_loaded_ahead_stops_loading_after_an_error() -> None:
    started: list[int] = []
    lock = threading.Lock()

    def load(n: int) -> int:
        with lock:
            started.append(n)
        if n == 5:
            raise ValueError("exhibit 5 no longer matches its SHA-256")
        return n

    got: list[int] = []
    with pytest.raises(ValueError, match="exhibit 5"):
        for n in loaded_ahead(load, range(1000), lookahead=3):
            got.append(n)
    assert got == [0, 1, 2, 3, 4]
    assert max(started) <= 5 + 3  # the rest of the 1,000 were never loaded


def test_hash_upto_is_the_leading_bytes_hash_and_the_file_hash_goes_on(tmp_path: Path) -> None:
    # the PDF signature's digest covers the file up to the signature value, which is filled in
    # after that digest is taken; the file's own hash must still see the filled-in value
    out = tmp_path / "report.pdf"
    body = os.urandom(3_000_000)
    with atomic_output(out) as handle, FollowingHash(handle) as file_hash:
        handle.write(body)
        handle.flush()
        file_hash.advance(1_000_000)
        leading = file_hash.hash_upto(2_500_000)
        assert leading.hexdigest() == hashlib.sha256(body[:2_500_000]).hexdigest()
        with pytest.raises(ValueError):
            file_hash.hash_upto(2_000_000)  # already past it
        handle.seek(2_500_000)
        handle.write(b"<signature>")
        handle.seek(0, os.SEEK_END)
        digest, size = file_hash.finish()
    assert (digest, size) == (hashlib.sha256(out.read_bytes()).hexdigest(), len(body))


def test_quick_gil_handoffs_restores_the_interval_when_the_last_block_ends() -> None:
    import sys

    before = sys.getswitchinterval()
    with quick_gil_handoffs():
        assert sys.getswitchinterval() == pytest.approx(0.0005)
        with quick_gil_handoffs():
            pass
        assert sys.getswitchinterval() == pytest.approx(0.0005)  # the outer block still runs
    assert sys.getswitchinterval() == before
    with pytest.raises(RuntimeError), quick_gil_handoffs():
        raise RuntimeError("an export failed")
    assert sys.getswitchinterval() == before
