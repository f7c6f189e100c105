# generated from ui/audit_window.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_AuditWindow(object):
    def setupUi(self, AuditWindow: Any) -> None:
        if not AuditWindow.objectName():
            AuditWindow.setObjectName(u"AuditWindow")
        AuditWindow.resize(1080, 640)
        self.windowLayout = QVBoxLayout(AuditWindow)
        self.windowLayout.setObjectName(u"windowLayout")
        self.filterLayout = QGridLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.actorLabel = QLabel(AuditWindow)
        self.actorLabel.setObjectName(u"actorLabel")

        self.filterLayout.addWidget(self.actorLabel, 0, 0, 1, 1)

        self.actorEdit = QLineEdit(AuditWindow)
        self.actorEdit.setObjectName(u"actorEdit")
        self.actorEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.actorEdit, 0, 1, 1, 1)

        self.actionLabel = QLabel(AuditWindow)
        self.actionLabel.setObjectName(u"actionLabel")

        self.filterLayout.addWidget(self.actionLabel, 0, 2, 1, 1)

        self.actionCombo = QComboBox(AuditWindow)
        self.actionCombo.setObjectName(u"actionCombo")
        self.actionCombo.setMinimumSize(QSize(200, 0))

        self.filterLayout.addWidget(self.actionCombo, 0, 3, 1, 1)

        self.recordLabel = QLabel(AuditWindow)
        self.recordLabel.setObjectName(u"recordLabel")

        self.filterLayout.addWidget(self.recordLabel, 0, 4, 1, 1)

        self.recordEdit = QLineEdit(AuditWindow)
        self.recordEdit.setObjectName(u"recordEdit")
        self.recordEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.recordEdit, 0, 5, 1, 1)

        self.sinceCheck = QCheckBox(AuditWindow)
        self.sinceCheck.setObjectName(u"sinceCheck")

        self.filterLayout.addWidget(self.sinceCheck, 1, 0, 1, 1)

        self.sinceDate = QDateEdit(AuditWindow)
        self.sinceDate.setObjectName(u"sinceDate")
        self.sinceDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.sinceDate, 1, 1, 1, 1)

        self.untilCheck = QCheckBox(AuditWindow)
        self.untilCheck.setObjectName(u"untilCheck")

        self.filterLayout.addWidget(self.untilCheck, 1, 2, 1, 1)

        self.untilDate = QDateEdit(AuditWindow)
        self.untilDate.setObjectName(u"untilDate")
        self.untilDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.untilDate, 1, 3, 1, 1)

        self.filterButtonsLayout = QHBoxLayout()
        self.filterButtonsLayout.setObjectName(u"filterButtonsLayout")
        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterButtonsLayout.addItem(self.filterSpacer)

        self.clearButton = QPushButton(AuditWindow)
        self.clearButton.setObjectName(u"clearButton")
        self.clearButton.setAutoDefault(False)

        self.filterButtonsLayout.addWidget(self.clearButton)

        self.applyButton = QPushButton(AuditWindow)
        self.applyButton.setObjectName(u"applyButton")
        self.applyButton.setProperty(u"cssClass", u"primary")

        self.filterButtonsLayout.addWidget(self.applyButton)


        self.filterLayout.addLayout(self.filterButtonsLayout, 1, 4, 1, 2)


        self.windowLayout.addLayout(self.filterLayout)

        self.auditTable = QTableView(AuditWindow)
        self.auditTable.setObjectName(u"auditTable")
        self.auditTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.auditTable.setAlternatingRowColors(True)
        self.auditTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.auditTable.setWordWrap(False)
        self.auditTable.horizontalHeader().setStretchLastSection(True)
        self.auditTable.verticalHeader().setVisible(False)

        self.windowLayout.addWidget(self.auditTable)

        self.footerLayout = QHBoxLayout()
        self.footerLayout.setObjectName(u"footerLayout")
        self.countLabel = QLabel(AuditWindow)
        self.countLabel.setObjectName(u"countLabel")

        self.footerLayout.addWidget(self.countLabel)

        self.busy = BusyIndicator(AuditWindow)
        self.busy.setObjectName(u"busy")

        self.footerLayout.addWidget(self.busy)

        self.footerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.footerLayout.addItem(self.footerSpacer)

        self.verifyButton = QPushButton(AuditWindow)
        self.verifyButton.setObjectName(u"verifyButton")
        self.verifyButton.setAutoDefault(False)

        self.footerLayout.addWidget(self.verifyButton)


        self.windowLayout.addLayout(self.footerLayout)

        self.verifyLabel = QLabel(AuditWindow)
        self.verifyLabel.setObjectName(u"verifyLabel")
        self.verifyLabel.setWordWrap(True)

        self.windowLayout.addWidget(self.verifyLabel)

#if QT_CONFIG(shortcut)
        self.actorLabel.setBuddy(self.actorEdit)
        self.actionLabel.setBuddy(self.actionCombo)
        self.recordLabel.setBuddy(self.recordEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditWindow)

        QMetaObject.connectSlotsByName(AuditWindow)
    # setupUi

    def retranslateUi(self, AuditWindow: Any) -> None:
        AuditWindow.setWindowTitle(QCoreApplication.translate("AuditWindow", u"Audit trail", None))
        self.actorLabel.setText(QCoreApplication.translate("AuditWindow", u"&User", None))
        self.actorEdit.setPlaceholderText(QCoreApplication.translate("AuditWindow", u"Any user", None))
        self.actionLabel.setText(QCoreApplication.translate("AuditWindow", u"A&ction", None))
        self.recordLabel.setText(QCoreApplication.translate("AuditWindow", u"&Record", None))
        self.recordEdit.setPlaceholderText(QCoreApplication.translate("AuditWindow", u"Type or id, e.g. user", None))
        self.sinceCheck.setText(QCoreApplication.translate("AuditWindow", u"&From", None))
        self.sinceDate.setDisplayFormat(QCoreApplication.translate("AuditWindow", u"dd MMM yyyy", None))
        self.untilCheck.setText(QCoreApplication.translate("AuditWindow", u"&To", None))
        self.untilDate.setDisplayFormat(QCoreApplication.translate("AuditWindow", u"dd MMM yyyy", None))
        self.clearButton.setText(QCoreApplication.translate("AuditWindow", u"Clea&r filters", None))
        self.applyButton.setText(QCoreApplication.translate("AuditWindow", u"&Show", None))
        self.verifyButton.setText(QCoreApplication.translate("AuditWindow", u"&Verify trail", None))
#if QT_CONFIG(tooltip)
        self.verifyButton.setToolTip(QCoreApplication.translate("AuditWindow", u"Check that no entry was changed, removed or added afterwards", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

