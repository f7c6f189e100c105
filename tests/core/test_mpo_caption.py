"""The PDF caption beneath a still says when it is a multi-picture JPEG (MPO): the reader sees
one picture and must know the master file holds more."""

from __future__ import annotations

import subprocess
from pathlib import Path

from test_mpo_stills import _export, with_mpo  # noqa: F401  (the fixture, shared)

from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.vault.vault import Vault


def test_the_still_caption_names_an_mpo_and_its_picture_count(
    with_mpo: tuple[Vault, str, bytes, ExhibitInfo],  # noqa: F811
    tmp_path: Path,
) -> None:
    vault, reference, _data, info = with_mpo
    path = _export(vault, reference, tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert info.frames == 2
    assert (
        f"Exhibit {info.reference} — master (original, unaltered); a multi-picture JPEG (MPO) of 2 pictures"
        in flat
    )
    assert "the first is shown, the master file keeps them all" in flat
