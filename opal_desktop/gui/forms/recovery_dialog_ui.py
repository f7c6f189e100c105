# generated from ui/recovery_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.password_fields import NewPasswordFields

class Ui_RecoveryDialog(object):
    def setupUi(self, RecoveryDialog: Any) -> None:
        if not RecoveryDialog.objectName():
            RecoveryDialog.setObjectName(u"RecoveryDialog")
        RecoveryDialog.setMinimumSize(QSize(520, 0))
        self.dialogLayout = QVBoxLayout(RecoveryDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(RecoveryDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QFormLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.codeLabel = QLabel(RecoveryDialog)
        self.codeLabel.setObjectName(u"codeLabel")

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(RecoveryDialog)
        self.codeEdit.setObjectName(u"codeEdit")

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.adminUsernameLabel = QLabel(RecoveryDialog)
        self.adminUsernameLabel.setObjectName(u"adminUsernameLabel")

        self.fieldsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.adminUsernameLabel)

        self.adminUsernameEdit = QLineEdit(RecoveryDialog)
        self.adminUsernameEdit.setObjectName(u"adminUsernameEdit")

        self.fieldsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.adminUsernameEdit)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.passwordFields = NewPasswordFields(RecoveryDialog)
        self.passwordFields.setObjectName(u"passwordFields")

        self.dialogLayout.addWidget(self.passwordFields)

        self.messageLabel = QLabel(RecoveryDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.dialogLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(RecoveryDialog)
        self.busy.setObjectName(u"busy")

        self.dialogLayout.addWidget(self.busy)

        self.buttonBox = QDialogButtonBox(RecoveryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.adminUsernameLabel.setBuddy(self.adminUsernameEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RecoveryDialog)

        QMetaObject.connectSlotsByName(RecoveryDialog)
    # setupUi

    def retranslateUi(self, RecoveryDialog: Any) -> None:
        RecoveryDialog.setWindowTitle(QCoreApplication.translate("RecoveryDialog", u"Reset the administrator password", None))
        self.introLabel.setText(QCoreApplication.translate("RecoveryDialog", u"Type the recovery code written down when the vault was set up, the administrator's username and a new password.", None))
        self.codeLabel.setText(QCoreApplication.translate("RecoveryDialog", u"Recovery &code", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("RecoveryDialog", u"XXXX-XXXX-XXXX-\u2026", None))
        self.adminUsernameLabel.setText(QCoreApplication.translate("RecoveryDialog", u"Administrator &username", None))
        self.adminUsernameEdit.setPlaceholderText(QCoreApplication.translate("RecoveryDialog", u"e.g. j.smith", None))
    # retranslateUi

