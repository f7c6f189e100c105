"""The committed forms are exactly what build/compile_forms.py makes from ui/*.ui."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _compile_forms_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compile_forms", ROOT / "build" / "compile_forms.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_forms_match_the_ui_sources(tmp_path: Path) -> None:
    compile_forms = _compile_forms_module()
    fresh = compile_forms.compile_all(tmp_path)
    committed = ROOT / "opal_desktop" / "gui" / "forms"
    assert len(fresh) == len(list((ROOT / "ui").glob("*.ui"))) + 1
    for path in fresh:
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is out of date: run python build/compile_forms.py"
        )
    extra = {p.name for p in committed.glob("*_ui.py")} - {p.name for p in fresh}
    assert not extra, f"forms without a ui/ source: {sorted(extra)}"


def test_generated_forms_carry_the_do_not_edit_header_and_no_paths(tmp_path: Path) -> None:
    for path in _compile_forms_module().compile_all(tmp_path)[1:]:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# generated from ui/{path.stem.removesuffix('_ui')}.ui by ")
        assert "do not edit" in text.splitlines()[0]
        assert str(ROOT) not in text and "Created by" not in text
