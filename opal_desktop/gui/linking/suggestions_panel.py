"""Suggested links, each with the reasons it was made and one button to act on it.

Nothing is linked from here directly: the button opens a dialog that asks the person to
confirm and to say why (pre-filled from the suggestion's reasons).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from opal_desktop.gui.linking.work import SuggestionLike

KIND_WORDS = {"incident": "Incident", "subject": "Person", "vehicle": "Vehicle"}
NOT_AVAILABLE = "Suggestions are not available in this version of Opal Desktop."
CARD_STYLE = (
    "QFrame#suggestionCard { background: #ffffff; border: 1px solid #d0d4da; border-radius: 6px; }"
)
FIRST_SHOWN = 5  # the strongest; the rest behind "Show … more"
Action = tuple[str, Callable[[], object]]  # button text, what it does


def reason_text(suggestion: SuggestionLike) -> str:
    """The suggestion's reasons as one line, to pre-fill the reason of a link."""
    return "Suggested: " + "; ".join(suggestion.reasons)


class SuggestionCard(QFrame):
    def __init__(self, suggestion: SuggestionLike, action: Action | None) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.setObjectName("suggestionCard")
        self.setStyleSheet(CARD_STYLE)
        kind = KIND_WORDS.get(suggestion.kind, suggestion.kind.title())
        title = QLabel(f"<b>{kind}: {_escape(suggestion.label)}</b>")
        title.setWordWrap(True)
        self.reasons = QLabel("<br>".join(f"• {_escape(r)}" for r in suggestion.reasons))
        self.reasons.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(self.reasons)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.addLayout(text, 1)
        self.button: QPushButton | None = None
        if action is not None:
            self.button = QPushButton(action[0])
            self.button.setAutoDefault(False)
            self.button.clicked.connect(action[1])
            row.addWidget(self.button)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SuggestionsPanel(QWidget):
    def __init__(self, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(intro)
        self.intro.setProperty("cssClass", "hint")
        self.intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setProperty("cssClass", "hint")
        self.status.setWordWrap(True)
        self.cards: list[SuggestionCard] = []
        self.more_button = QPushButton()
        self.more_button.setProperty("cssClass", "link")
        self.more_button.setAutoDefault(False)
        self.more_button.clicked.connect(self.show_all)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)
        self._column.addWidget(self.intro)
        self._column.addWidget(self.status)
        self._column.addWidget(self.more_button)
        self.more_button.hide()

    def show_loading(self) -> None:
        self._clear()
        self.status.setText("Looking for possible links…")
        self.status.show()

    def show_suggestions(
        self,
        found: list[SuggestionLike] | None,
        action_for: Callable[[SuggestionLike], Action | None],
    ) -> None:
        self._clear()
        if found is None:
            self.status.setText(NOT_AVAILABLE)
        elif not found:
            self.status.setText("No possible links found.")
        self.status.setVisible(not found)
        for number, suggestion in enumerate(found or []):
            card = SuggestionCard(suggestion, action_for(suggestion))
            card.setVisible(number < FIRST_SHOWN)
            self.cards.append(card)
            self._column.insertWidget(self._column.indexOf(self.more_button), card)
        hidden = len(self.cards) - FIRST_SHOWN
        self.more_button.setText(f"Show {hidden} more suggestion{'s' if hidden > 1 else ''}")
        self.more_button.setVisible(hidden > 0)

    def show_all(self) -> None:
        for card in self.cards:
            card.show()
        self.more_button.hide()

    def _clear(self) -> None:
        for card in self.cards:
            self._column.removeWidget(card)
            card.deleteLater()
        self.cards = []
