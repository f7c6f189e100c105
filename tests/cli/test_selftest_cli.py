"""`opal-desktop self-test` from source: every step passes and nothing is left behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from opal_desktop.cli import main


def test_self_test_passes_and_cleans_up(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:  # fmt: skip
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "8/8 verify the ZIP: ok (valid, signed by" in out and out.rstrip().endswith(
        "All steps passed."
    )
    assert list(tmp_path.iterdir()) == []  # the throwaway vault and exports are gone
