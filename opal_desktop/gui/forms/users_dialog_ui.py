# generated from ui/users_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_UsersDialog(object):
    def setupUi(self, UsersDialog: Any) -> None:
        if not UsersDialog.objectName():
            UsersDialog.setObjectName(u"UsersDialog")
        UsersDialog.resize(1000, 560)
        self.dialogLayout = QVBoxLayout(UsersDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(UsersDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.usersTable = QTableView(UsersDialog)
        self.usersTable.setObjectName(u"usersTable")
        self.usersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.usersTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.usersTable.setAlternatingRowColors(True)
        self.usersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.usersTable.horizontalHeader().setStretchLastSection(True)
        self.usersTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.usersTable)

        self.actionsLayout = QVBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.addButton = QPushButton(UsersDialog)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.addButton)

        self.resetButton = QPushButton(UsersDialog)
        self.resetButton.setObjectName(u"resetButton")
        self.resetButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.resetButton)

        self.disableButton = QPushButton(UsersDialog)
        self.disableButton.setObjectName(u"disableButton")
        self.disableButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.disableButton)

        self.enableButton = QPushButton(UsersDialog)
        self.enableButton.setObjectName(u"enableButton")
        self.enableButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.enableButton)

        self.roleLabel = QLabel(UsersDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.actionsLayout.addWidget(self.roleLabel)

        self.roleCombo = QComboBox(UsersDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.actionsLayout.addWidget(self.roleCombo)

        self.roleButton = QPushButton(UsersDialog)
        self.roleButton.setObjectName(u"roleButton")
        self.roleButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.roleButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.actionsLayout.addItem(self.actionsSpacer)


        self.bodyLayout.addLayout(self.actionsLayout)


        self.dialogLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(UsersDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.dialogLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(UsersDialog)
        self.busy.setObjectName(u"busy")

        self.dialogLayout.addWidget(self.busy)

        self.buttonBox = QDialogButtonBox(UsersDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.roleLabel.setBuddy(self.roleCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UsersDialog)

        QMetaObject.connectSlotsByName(UsersDialog)
    # setupUi

    def retranslateUi(self, UsersDialog: Any) -> None:
        UsersDialog.setWindowTitle(QCoreApplication.translate("UsersDialog", u"Users", None))
        self.introLabel.setText(QCoreApplication.translate("UsersDialog", u"Everyone who can sign in to this vault. Disabled users keep their history but cannot sign in.", None))
        self.addButton.setText(QCoreApplication.translate("UsersDialog", u"&Add user\u2026", None))
        self.resetButton.setText(QCoreApplication.translate("UsersDialog", u"&Reset password\u2026", None))
        self.disableButton.setText(QCoreApplication.translate("UsersDialog", u"&Disable", None))
        self.enableButton.setText(QCoreApplication.translate("UsersDialog", u"&Enable\u2026", None))
        self.roleLabel.setText(QCoreApplication.translate("UsersDialog", u"R&ole", None))
        self.roleButton.setText(QCoreApplication.translate("UsersDialog", u"Change r&ole", None))
    # retranslateUi

