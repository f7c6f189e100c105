"""One-sentence messages under fields and at the foot of forms.

Messages are refreshed on every keystroke in some forms, so each function here changes a
widget only when what it shows actually changes: re-polishing a style or re-laying out a
form per key press is wasted work (and PySide6 6.12.0 crashed on exactly those calls).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def show_message(label: QLabel, text: str, css_class: str | None = None) -> None:
    """Show `text` in `label` (styled as `css_class`, if given); an empty text hides it so it
    takes no room (in a form layout, the whole row, else the row's spacing would stay)."""
    if css_class is not None:
        set_style(label, cssClass=css_class)
    if label.text() != text:
        label.setText(text)
    wanted = bool(text)
    form = _form_holding(label)
    if form is not None:
        if form.isRowVisible(label) != wanted:
            form.setRowVisible(label, wanted)
    elif label.isHidden() == wanted:
        label.setVisible(wanted)


def set_style(widget: QWidget, **properties: str) -> None:
    """Set the properties the stylesheet selects on (cssClass="error", status="pass", ...);
    the widget is re-polished, so the new rules apply, only if one of them changed."""
    changed = False
    for name, value in properties.items():
        if widget.property(name) != value:
            widget.setProperty(name, value)
            changed = True
    if changed:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def _form_holding(label: QLabel) -> QFormLayout | None:
    parent = label.parentWidget()
    if parent is None:
        return None
    for form in parent.findChildren(QFormLayout):
        if form.indexOf(label) >= 0:
            return form
    return None


def clear_messages(*labels: QLabel) -> None:
    for label in labels:
        show_message(label, "")
