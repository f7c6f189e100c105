"""Settings: the referral rules in use, the trusted issuer, and every version imported.

Says plainly when the rules are indicative. Importing and trusting are for administrators
(the services check the permission as well; this group is only shown in their settings).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import from_utc_text, show
from opal_desktop.errors import UserError
from opal_desktop.gui.referral import work
from opal_desktop.gui.referral.import_dialog import ImportRulesDialog
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

VERSION_HEADERS = ("Version", "Signed", "By", "Imported")
INDICATIVE_TEXT = "INDICATIVE: a guide only. Opal does not publish its thresholds."
NO_ISSUER = "None set. Signed rules files cannot be checked until you choose one."


class RulesGroup(QGroupBox):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Referral rules", parent)
        self.vault, self.runner = vault, runner
        self.view: work.RulesView | None = None
        self.import_dialog: ImportRulesDialog | None = None
        self.in_use = _wrapping()
        self.indicative = _wrapping()
        self.indicative.setProperty("status", "advisory")
        self.details = _wrapping("hint")
        self.issuer = _wrapping()
        self.versions = QTreeWidget()
        self.versions.setHeaderLabels(VERSION_HEADERS)
        self.versions.setRootIsDecorated(False)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.versions.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions.setFixedHeight(112)  # the header and three versions; more scroll
        self.no_versions = _wrapping("hint")
        self.message = _wrapping("error")
        self.done = _wrapping("ok")
        self.busy = BusyIndicator(self)
        self.import_button = QPushButton("Import r&ules file…")
        self.import_button.clicked.connect(self.open_import)
        self.trust_button = QPushButton("&Trusted issuer certificate…")
        self.trust_button.clicked.connect(self.choose_issuer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        admin = vault.can(Permission.MANAGE_SETTINGS)
        for button in (self.import_button, self.trust_button):
            button.setAutoDefault(False)
            button.setVisible(admin)
        self.busy.guard(self.import_button, self.trust_button)
        form = QFormLayout(self)
        form.addRow("In use", _column(self.in_use, self.indicative, self.details))
        form.addRow("Trusted issuer", self.issuer)
        form.addRow("Imported", _column(self.versions, self.no_versions))
        form.addRow("", _column(buttons, self.message, self.done, self.busy))
        for label in (self.message, self.done, self.indicative, self.no_versions):
            show_message(label, "")
        self.in_use.setText("Loading…")
        self.reload()

    def reload(self) -> None:
        vault = self.vault
        self.runner.run(lambda: work.load_rules(vault), self.show_rules, self._failed)

    def show_rules(self, view: work.RulesView) -> None:
        if not shiboken6.isValid(self):
            return
        self.view = view
        rules = view.in_use.rules
        self.in_use.setText(view.in_use.description)
        show_message(self.indicative, INDICATIVE_TEXT if rules.indicative else "")
        self.details.setText(
            f"From {rules.issuer}, effective {rules.effective:%d/%m/%Y}: "
            f"{len(rules.requirements)} requirements."
        )
        self.details.setToolTip(rules.notes)
        self.issuer.setText(view.trusted_issuer or NO_ISSUER)
        self.versions.clear()
        for version in view.versions:
            when = show(from_utc_text(str(version["imported_at"])))
            signed = "Signed" if version["signed"] else "Unsigned"
            in_use = " (in use)" if version["active"] else ""
            name = f"{version['id']} {version['version']}{in_use}"
            text = (name, signed, str(version["imported_by"]), when[:10])  # the time: a tooltip
            item = QTreeWidgetItem(list(text))
            item.setToolTip(3, when)
            item.setToolTip(
                1, f"Signed by {version['signer']}" if version["signed"] else "Not signed"
            )
            self.versions.addTopLevelItem(item)
        self.versions.setVisible(bool(view.versions))
        QTimer.singleShot(0, self._fit_window)
        show_message(
            self.no_versions,
            ""
            if view.versions
            else "None imported yet: the rules shipped with the app are in use.",
        )

    def _fit_window(self) -> None:
        """Grow the settings window when this group grows, so nothing is squeezed or clipped."""
        window = self.window()
        layout = window.layout()
        if window is self or layout is None:
            return
        layout.activate()
        width = window.width()
        need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        need = max(need, layout.totalMinimumSize().height())
        if need > window.height():
            window.resize(width, need)

    def open_import(self) -> ImportRulesDialog:
        dialog = ImportRulesDialog(self.vault, self.runner, self)
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, view: work.RulesView) -> None:
        self.show_rules(view)
        show_message(self.message, "")
        show_message(self.done, f"Imported: version {view.in_use.rules.version} is now in use.")

    def choose_issuer(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Trusted issuer certificate", "", "PEM certificates (*.pem *.crt *.cer)"
        )
        if name:
            self.trust(Path(name))

    def trust(self, path: Path) -> None:
        vault = self.vault
        show_message(self.message, "")
        show_message(self.done, "")
        self.runner.run(
            lambda: work.trust_issuer(vault, path), self._trusted, self._failed,
            busy=self.busy, busy_text="Reading the certificate…",
        )  # fmt: skip

    def _trusted(self, view: work.RulesView) -> None:
        if shiboken6.isValid(self):
            self.show_rules(view)
            show_message(self.done, "Rules files signed by this issuer will be accepted.")

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.done, "")
            show_message(self.message, str(error))


def _column(*items: QWidget | QHBoxLayout) -> QWidget:
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    for item in items:
        if isinstance(item, QHBoxLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    return holder


def _wrapping(css: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if css:
        label.setProperty("cssClass", css)
    return label
