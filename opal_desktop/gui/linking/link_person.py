"""Link a person to an incident: an existing profile, or a new one from the offender description."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.domain.incident import OffenderDescription
from opal_desktop.gui.linking.work import link_person, subjects_to_choose
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.form_dialog import FormDialog
from opal_desktop.linking.models import Subject, SubjectDetails, SubjectRole

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

DETAIL_FIELDS = (
    ("sex", "Sex"),
    ("age_range", "Age range"),
    ("height", "Height"),
    ("build", "Build"),
    ("hair", "Hair"),
    ("clothing", "Clothing"),
    ("marks", "Marks, scars, tattoos"),
)
ROLES = (
    (SubjectRole.OFFENDER, "Offender"),
    (SubjectRole.SUSPECT, "Suspect"),
    (SubjectRole.ASSOCIATE, "Associate"),
)
REF_ROLE = Qt.ItemDataRole.UserRole
LABEL_WIDTH = 200  # one label column for the new profile's fields and the link's


def short_description(offender: OffenderDescription) -> str:
    parts = (offender.sex, offender.height, offender.build, offender.hair, offender.clothing)
    return ", ".join(p for p in parts if p) or "no description"


class LinkPersonDialog(FormDialog):
    """`saved` carries the new Link."""

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        incident_reference: str,
        offenders: list[OffenderDescription],
        parent: QWidget | None = None,
        *,
        subject_reference: str = "",
        reason: str = "",
    ) -> None:
        super().__init__(
            runner,
            title=f"Link a person to {incident_reference}",
            intro=f"Who was involved in {incident_reference}? Choose a profile that already "
            "exists, or make a new profile from this incident's offender description.",
            button="&Link person",
            parent=parent,
        )
        self.vault, self.incident_reference = vault, incident_reference
        self.offenders = offenders
        self.preselect = subject_reference
        self.existing_radio = QRadioButton("An &existing profile")
        self.new_radio = QRadioButton("A &new profile")
        choice = QButtonGroup(self)
        radios = QHBoxLayout()
        for radio in (self.existing_radio, self.new_radio):
            choice.addButton(radio)
            radios.addWidget(radio)
        radios.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._existing_page())
        self.pages.addWidget(self._new_page())
        self.existing_radio.toggled.connect(lambda on: self.pages.setCurrentIndex(0 if on else 1))
        self.top.addLayout(radios)
        self.top.addWidget(self.pages)
        self.role_combo = QComboBox()
        for role, label in ROLES:
            self.role_combo.addItem(label, role)
        self.form.addRow("&Role in this incident", self.role_combo)
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setPlaceholderText("For example: same scar and red cap on CCTV")
        self.form.addRow("&Why link them? (required)", self.reason_edit)
        for form in (self.form, self.new_form):
            for row in range(form.rowCount()):
                caption = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = caption.widget() if caption is not None else None
                if widget is not None:
                    widget.setMinimumWidth(LABEL_WIDTH)
        self.existing_radio.setChecked(True)
        self.resize(660, 580)
        self.runner.run(lambda: subjects_to_choose(vault), self._show_subjects, self.failed)

    def _existing_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            "Type to narrow the list: reference, description or name"
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._narrow)
        self.subject_list = QListWidget()
        self.subject_list.setAlternatingRowColors(True)
        self.subject_list.itemDoubleClicked.connect(lambda _item: self.confirm())
        self.empty_label = QLabel("No profiles yet: choose “A new profile”.")
        self.empty_label.setProperty("cssClass", "hint")
        column.addWidget(self.filter_edit)
        column.addWidget(self.subject_list, 1)
        column.addWidget(self.empty_label)
        self.empty_label.hide()
        return page

    def _new_page(self) -> QWidget:
        page = QWidget()
        form = self.new_form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.start_combo = QComboBox()
        self.start_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.start_combo.setMinimumContentsLength(30)
        self.start_combo.addItem("A blank profile", -1)
        for number, offender in enumerate(self.offenders, start=1):
            self.start_combo.addItem(
                f"Offender {number}: {short_description(offender)}", number - 1
            )
        form.addRow("&Start from", self.start_combo)
        self.detail_edits: dict[str, QLineEdit] = {}
        for name, label in DETAIL_FIELDS:
            edit = QLineEdit()
            self.detail_edits[name] = edit
            form.addRow(label, edit)
        self.start_combo.currentIndexChanged.connect(self._fill_from_offender)
        if self.offenders:
            self.start_combo.setCurrentIndex(1)
        return page

    def _fill_from_offender(self, index: int) -> None:
        number = self.start_combo.itemData(index)
        offender = self.offenders[number] if isinstance(number, int) and number >= 0 else None
        for name, edit in self.detail_edits.items():
            edit.setText(getattr(offender, name) if offender else "")

    def _show_subjects(self, found: list[Subject]) -> None:
        self.subject_list.clear()
        for subject in found:
            noun = "incident" if subject.incident_count == 1 else "incidents"
            item = QListWidgetItem(f"{subject.label}  ·  {subject.incident_count} {noun}")
            item.setData(REF_ROLE, subject.reference)
            item.setToolTip(subject.details.description())
            self.subject_list.addItem(item)
            if subject.reference == self.preselect:
                self.subject_list.setCurrentItem(item)
        self.empty_label.setVisible(not found)
        if not found:
            self.new_radio.setChecked(True)
        elif self.subject_list.currentItem() is None:
            self.subject_list.setCurrentRow(0)

    def _narrow(self, typed: str) -> None:
        words = typed.lower().split()
        for row in range(self.subject_list.count()):
            item = self.subject_list.item(row)
            text = f"{item.text()} {item.toolTip()}".lower()
            item.setHidden(not all(w in text for w in words))

    def details(self) -> SubjectDetails:
        return SubjectDetails(**{n: e.text().strip() for n, e in self.detail_edits.items()})

    def confirm(self) -> None:
        reason = self.reason_edit.text().strip()
        subject: str | None = None
        if self.existing_radio.isChecked():
            item = self.subject_list.currentItem()
            if item is None or item.isHidden():
                self.refuse("Choose a profile from the list, or make a new one.")
                return
            subject = str(item.data(REF_ROLE))
        if not reason:
            self.refuse("Say why this person is linked, in a few words.", self.reason_edit)
            return
        vault, incident, details = self.vault, self.incident_reference, self.details()
        role = SubjectRole(self.role_combo.currentData())
        self.run(lambda: link_person(vault, incident, subject, details, role, reason), "Linking…")
