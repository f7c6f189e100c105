"""New password + confirmation with a live strength meter, used wherever a password is set."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from opal_desktop.domain.validation import check_password_policy, password_strength
from opal_desktop.errors import InvalidInput
from opal_desktop.gui.forms.password_fields_ui import Ui_PasswordFields
from opal_desktop.gui.widgets.messages import clear_messages, set_style, show_message

# The bar's colour follows the rule: red for any password check_password_policy refuses.
_STRENGTH_LEVELS = ("weak", "weak", "weak", "good", "strong")
LABEL_SLACK_PX = 12  # measured before the style sheet polishes the labels: leave room


class NewPasswordFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PasswordFields()
        self.ui.setupUi(self)
        self._user_inputs: tuple[str, ...] = ()
        # zxcvbn takes a few ms: rate it once typing pauses, not on every key.
        self._rate_timer = QTimer(self)
        self._rate_timer.setSingleShot(True)
        self._rate_timer.setInterval(150)
        self._rate_timer.timeout.connect(self._rate)
        self.ui.passwordEdit.textChanged.connect(self._password_edited)
        self.ui.confirmEdit.textChanged.connect(
            lambda _text: show_message(self.ui.confirmMessage, "")
        )
        clear_messages(self.ui.passwordMessage, self.ui.confirmMessage)
        self._show_strength(0, "Three random words make a strong password.")

    def set_user_inputs(self, *words: str) -> None:
        """Names and the like that make a password easy to guess for this person."""
        self._user_inputs = tuple(w for w in words if w)

    def align_with(self, *outer_labels: QLabel) -> None:
        """Line our labels up with the form these fields sit in: one label column."""
        labels = [*outer_labels, self.ui.passwordLabel, self.ui.confirmLabel]
        width = max(label.sizeHint().width() for label in labels) + LABEL_SLACK_PX
        for label in labels:
            label.setMinimumWidth(width)

    def set_password_label(self, text: str) -> None:
        self.ui.passwordLabel.setText(text)

    def password(self) -> str:
        return self.ui.passwordEdit.text()

    def validated(self) -> str | None:
        """The new password if it meets the policy and both copies match; else show why."""
        password = self.password()
        try:
            check_password_policy(password, self._user_inputs)
        except InvalidInput as error:
            show_message(self.ui.passwordMessage, str(error))
            # The reason now stands in the message below: the bar keeps only its verdict.
            strength = password_strength(password, self._user_inputs)
            if password and strength.advice == str(error):
                self._show_strength(strength.score, f"{strength.label} (not accepted).")
            self.ui.passwordEdit.setFocus()
            return None
        show_message(self.ui.passwordMessage, "")
        if self.ui.confirmEdit.text() != password:
            show_message(
                self.ui.confirmMessage, "The two passwords are not the same. Type it again."
            )
            self.ui.confirmEdit.setFocus()
            return None
        return password

    def clear(self) -> None:
        self.ui.passwordEdit.clear()
        self.ui.confirmEdit.clear()

    def _password_edited(self, _text: str) -> None:
        show_message(self.ui.passwordMessage, "")
        self._rate_timer.start()

    def _rate(self) -> None:
        """The same verdict as check_password_policy: a refused password is never shown as
        fine, and the sentence under the bar is the one the refusal would give."""
        strength = password_strength(self.password(), self._user_inputs)
        if not self.password():
            self._show_strength(0, strength.advice)
            return
        verdict = "" if strength.acceptable else " (not accepted)"
        self._show_strength(strength.score, f"{strength.label}{verdict}. {strength.advice}")

    def _show_strength(self, score: int, text: str) -> None:
        self.ui.strengthBar.setValue(score)
        set_style(self.ui.strengthBar, strength=_STRENGTH_LEVELS[score])
        self.ui.strengthLabel.setText(text)

    def strength_text(self) -> str:
        return self.ui.strengthLabel.text()
