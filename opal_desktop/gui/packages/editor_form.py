"""The package editor's fields: what it is, grading in plain words, marking, legal basis, submitter.

`PackageForm.draft()` reads them back as the core's PackageDraft; `fill()` puts one in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.packages.model import (
    HANDLING_CODE,
    INTELLIGENCE_ASSESSMENT,
    SOURCE_EVALUATION,
    Grading,
    Marking,
    PackageDraft,
    Submitter,
)

MARKINGS = {
    Marking.OFFICIAL: "OFFICIAL",
    Marking.OFFICIAL_SENSITIVE: "OFFICIAL-SENSITIVE (handling caveat: need to know only)",
}
CONDITIONS_NEEDED = (
    "Handling code C needs its conditions: say what the recipient may and may not do with it."
)


def choices(box: QComboBox, texts: dict[str, str]) -> None:
    """'2 – Untested': the code and its meaning, so nobody needs the table to hand. The box
    may be narrower than its longest meaning; the open list shows it whole."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    box.currentTextChanged.connect(box.setToolTip)
    box.addItem("Choose…", "")  # graded by the person, never by a default
    for code, meaning in texts.items():
        box.addItem(f"{code} – {meaning}", code)


GRADING_NEEDED = (
    "Grade the intelligence: choose the source evaluation, the intelligence assessment and the "
    "handling code. Opal Desktop does not choose them for you."
)


def select(box: QComboBox, code: str) -> None:
    index = box.findData(code)
    if index >= 0:
        box.setCurrentIndex(index)


def text_box(lines: int, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(name)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    return group, form


class PackageForm(QWidget):
    """Everything but the source and the exhibits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText("For example: Grey Audi spirits team, Oct–Nov 2026")
        self.summary = text_box(5, "Summary")
        self.summary.setPlaceholderText(
            "What happened, who and what is involved, and why it matters to Opal. Left empty, "
            "the PDF's first page gives one written from the data, and says so."
        )
        self.source_evaluation = QComboBox()
        choices(self.source_evaluation, SOURCE_EVALUATION)
        self.assessment = QComboBox()
        choices(self.assessment, INTELLIGENCE_ASSESSMENT)
        self.handling = QComboBox()
        choices(self.handling, HANDLING_CODE)
        self.conditions = text_box(3, "Handling conditions")
        self.conditions.setPlaceholderText("Only for handling code C: the conditions, in full.")
        self.conditions_error = QLabel()
        self.conditions_error.setProperty("cssClass", "error")
        self.conditions_error.setWordWrap(True)
        self.grading_error = QLabel()
        self.grading_error.setProperty("cssClass", "error")
        self.grading_error.setWordWrap(True)
        self.marking = QComboBox()
        self.marking.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.marking.setMinimumContentsLength(24)
        for marking, words in MARKINGS.items():
            self.marking.addItem(words, marking.value)
        self.legal_basis = text_box(4, "Legal basis")
        self.submitter_name = QLineEdit()
        self.submitter_role = QLineEdit()
        self.submitter_contact = QLineEdit()
        self.submitter_contact.setPlaceholderText("Phone or email Opal can reach you on")
        self.organisation = QLineEdit()
        self._layout()
        self.handling.currentIndexChanged.connect(self._handling_changed)
        self.conditions.textChanged.connect(self._conditions_typed)
        self._handling_changed()

    def _layout(self) -> None:
        about, about_form = form_group("The package")
        about_form.addRow("&Title:", self.title)
        about_form.addRow("Su&mmary:", self.summary)
        grading, grading_form = form_group("Grading (3×5×2)")
        grading_form.addRow("", self.grading_error)
        grading_form.addRow("Source &evaluation:", self.source_evaluation)
        grading_form.addRow("Intelligence &assessment:", self.assessment)
        grading_form.addRow("&Handling code:", self.handling)
        grading_form.addRow("Con&ditions:", self.conditions)
        grading_form.addRow("", self.conditions_error)
        marking, marking_form = form_group("Marking and legal basis")
        marking_form.addRow("Mar&king:", self.marking)
        marking_form.addRow("&Legal basis:", self.legal_basis)
        who, who_form = form_group("Submitter (who Opal comes back to)")
        who_form.addRow("&Name:", self.submitter_name)
        who_form.addRow("&Role:", self.submitter_role)
        who_form.addRow("&Contact:", self.submitter_contact)
        who_form.addRow("&Organisation:", self.organisation)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for group in (about, grading, marking, who):
            column.addWidget(group)
        column.addStretch(1)
        show_message(self.conditions_error, "")
        show_message(self.grading_error, "")
        for box in (self.source_evaluation, self.assessment, self.handling):
            box.currentIndexChanged.connect(self._grading_chosen)

    def _handling_changed(self) -> None:
        with_conditions = self.handling.currentData() == "C"
        self.conditions.setEnabled(with_conditions)
        if not with_conditions:
            show_message(self.conditions_error, "")

    def _conditions_typed(self) -> None:
        if self.conditions.toPlainText().strip():
            show_message(self.conditions_error, "")

    def fill(self, draft: PackageDraft) -> None:
        self.title.setText(draft.title)
        self.summary.setPlainText(draft.summary)
        grading = draft.grading
        select(self.source_evaluation, grading.source_evaluation)
        select(self.assessment, grading.intelligence_assessment)
        select(self.handling, grading.handling_code)
        self.conditions.setPlainText(grading.handling_conditions)
        select(self.marking, draft.marking.value)
        self.legal_basis.setPlainText(draft.legal_basis)
        self.fill_submitter(draft.submitter)

    def fill_submitter(self, submitter: Submitter) -> None:
        self.submitter_name.setText(submitter.name)
        self.submitter_role.setText(submitter.role)
        self.submitter_contact.setText(submitter.contact)
        self.organisation.setText(submitter.organisation)

    def check_grading(self) -> bool:
        """Nothing is graded for the person: an unchosen part is said above the boxes and the
        cursor put in the first one left."""
        for box in (self.source_evaluation, self.assessment, self.handling):
            if not box.currentData():
                show_message(self.grading_error, GRADING_NEEDED)
                box.setFocus()
                return False
        return True

    def _grading_chosen(self) -> None:
        if all(b.currentData() for b in (self.source_evaluation, self.assessment, self.handling)):
            show_message(self.grading_error, "")

    def check_conditions(self) -> bool:
        """Handling code C without conditions: say so under the box and put the cursor there."""
        if self.handling.currentData() == "C" and not self.conditions.toPlainText().strip():
            show_message(self.conditions_error, CONDITIONS_NEEDED)
            self.conditions.setFocus()
            return False
        return True

    def draft(self) -> PackageDraft:
        code = str(self.handling.currentData())
        conditions = self.conditions.toPlainText().strip() if code == "C" else ""
        return PackageDraft(
            title=self.title.text().strip(),
            summary=self.summary.toPlainText().strip(),
            grading=Grading(
                str(self.source_evaluation.currentData()),
                str(self.assessment.currentData()),
                code,
                conditions,
            ),
            marking=Marking(str(self.marking.currentData())),
            legal_basis=self.legal_basis.toPlainText().strip(),
            submitter=Submitter(
                self.submitter_name.text().strip(),
                self.submitter_role.text().strip(),
                self.submitter_contact.text().strip(),
                self.organisation.text().strip(),
            ),
        )
