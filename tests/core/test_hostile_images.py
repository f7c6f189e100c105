"""Hostile pictures: each is refused with one sentence, and the rest of its batch goes in.

The files are made here (hostile_images.py): an animated PNG whose acTL chunk declares zero
frames, and small TIFFs with header and tag bytes changed by random.Random(seed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from hostile_images import (
    apng,
    pillow_fails_with,
    small_tiff,
    tiff_missing_dimensions,
    tiff_mutations,
    with_declared_frames,
    zero_frame_apng,
)
from PIL import Image

from opal_desktop.errors import BadFile
from opal_desktop.evidence import exhibits, ingest
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
MUTATIONS = 300


@pytest.fixture
def incident(new_vault: NewVault) -> tuple[Vault, str]:
    vault, _ = new_vault()
    return vault, records.save(vault, records.new_incident(vault)).reference


def _stored(vault: Vault) -> list[str]:
    with vault.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT original_filename FROM exhibits")]


def _one_sentence_naming(message: str, name: str) -> None:
    """What is wrong, then what to do: starts with the file's name, no traceback words."""
    assert message.startswith(name), message
    assert message.endswith("."), message
    assert "Error" not in message and "Traceback" not in message and "\n" not in message


def test_an_animated_png_declaring_zero_frames_is_refused() -> None:
    data = zero_frame_apng()
    assert b"acTL" in data and data != apng()  # a real APNG, only its frame count changed
    with pytest.raises(BadFile) as refused:
        ingest.inspect_still(data, "anim.png")
    message = str(refused.value)
    _one_sentence_naming(message, "anim.png")
    assert "declares 0 frames" in message and "Export the still again" in message


@pytest.mark.parametrize("frames", [0, 0x80000001, 0xFFFFFFFF])
def test_impossible_frame_counts_are_refused(frames: int) -> None:
    with pytest.raises(BadFile, match="animated PNG that declares"):
        ingest.inspect_still(with_declared_frames(apng(), frames), "anim.png")


def test_an_honest_apng_is_still_accepted_with_its_frames() -> None:
    facts = ingest.inspect_still(apng(frames=3), "anim.png")
    assert facts.format == "PNG" and facts.frames == 3


def test_a_tiff_pillow_cannot_size_is_refused_not_a_type_error() -> None:
    data = tiff_missing_dimensions()
    assert pillow_fails_with(data) is TypeError  # what escaped before: "Missing dimensions"
    with pytest.raises(BadFile) as refused:
        ingest.inspect_still(data, "cam3.tif")
    _one_sentence_naming(str(refused.value), "cam3.tif")
    assert "damaged and cannot be read" in str(refused.value)


def test_fuzzed_tiffs_raise_nothing_but_bad_file() -> None:
    assert ingest.inspect_still(small_tiff(), "cam.tif").format == "TIFF"
    outcomes: Counter[str] = Counter()
    for number, data in enumerate(tiff_mutations(MUTATIONS)):
        name = f"fuzz{number:03d}.tif"
        try:
            facts = ingest.inspect_still(data, name)
        except BadFile as error:
            _one_sentence_naming(str(error), name)
            outcomes["refused"] += 1
        else:  # some changes leave a readable picture: then it is described, and kept
            assert facts.format == "TIFF" and facts.width > 0 and facts.thumbnail_jpeg
            outcomes["read"] += 1
    # The mutations reach Pillow's odd corners (TypeError, DecompressionBomb, ...) and both ends
    assert outcomes["refused"] > 50 and outcomes["read"] > 50, outcomes


def test_a_batch_with_hostile_files_keeps_the_good_and_lists_the_refused(
    incident: tuple[Vault, str],
) -> None:
    vault, reference = incident
    good = small_tiff()
    hostile = list(tiff_mutations(60))
    hostile_failing = [m for m in hostile if pillow_fails_with(m) is not None][:20]
    batch = [
        IncomingStill.from_bytes("good.tif", good, "folder"),
        IncomingStill.from_bytes("anim.png", zero_frame_apng(), "folder"),
        IncomingStill.from_bytes("dims.tif", tiff_missing_dimensions(), "folder"),
        *(
            IncomingStill.from_bytes(f"fuzz{n:02d}.tif", m, "folder")
            for n, m in enumerate(hostile_failing)
        ),
        IncomingStill.from_bytes("good.png", apng(frames=1), "folder"),
    ]
    report = exhibits.add_stills(vault, reference, batch)
    assert [e.original_filename for e in report.added] == ["good.tif", "good.png"]
    refused = [name for name, _ in report.rejected]
    assert refused == ["anim.png", "dims.tif", *(f"fuzz{n:02d}.tif" for n in range(20))]
    lines = report.sentences()
    assert lines[0] == "Added 2 still(s): AA/1, AA/2."
    assert len(lines) == 1 + len(refused)  # one sentence per refused file
    for (name, reason), line in zip(report.rejected, lines[1:], strict=True):
        _one_sentence_naming(reason, name)
        assert line == reason
    assert sorted(_stored(vault)) == ["good.png", "good.tif"]


def test_pillow_warnings_do_not_leave_the_module_as_warnings() -> None:
    """Under pytest warnings are errors: a Pillow UserWarning must still become BadFile."""
    with pytest.raises(BadFile):
        ingest.inspect_still(zero_frame_apng()[:-20], "cut.png")
    assert Image.MAX_IMAGE_PIXELS == ingest.MAX_PIXELS
