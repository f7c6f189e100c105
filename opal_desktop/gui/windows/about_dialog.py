"""Help > About: the version, what the app is for, and the licences of what it bundles."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.about import components, version_line


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Opal Desktop")
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{version_line()}</h2>")
        title.setObjectName("aboutTitle")
        layout.addWidget(title)
        intro = QLabel(
            "Log retail-crime incidents into an encrypted vault on this PC, link them into series, "
            "check Opal's referral requirements and send signed intelligence packages. "
            "Works without a network.\n\nBuilt with these components, under their own licences:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = components()
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels(["Component", "Version", "Used for", "Licence"])
        for row, item in enumerate(rows):
            for column, value in enumerate((item.name, item.version, item.purpose, item.licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 560)
