# generated from ui/set_password_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.password_fields import NewPasswordFields

class Ui_SetPasswordDialog(object):
    def setupUi(self, SetPasswordDialog: Any) -> None:
        if not SetPasswordDialog.objectName():
            SetPasswordDialog.setObjectName(u"SetPasswordDialog")
        SetPasswordDialog.setMinimumSize(QSize(520, 0))
        self.dialogLayout = QVBoxLayout(SetPasswordDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(SetPasswordDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.passwordFields = NewPasswordFields(SetPasswordDialog)
        self.passwordFields.setObjectName(u"passwordFields")

        self.dialogLayout.addWidget(self.passwordFields)

        self.messageLabel = QLabel(SetPasswordDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.dialogLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(SetPasswordDialog)
        self.busy.setObjectName(u"busy")

        self.dialogLayout.addWidget(self.busy)

        self.buttonBox = QDialogButtonBox(SetPasswordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)


        self.retranslateUi(SetPasswordDialog)

        QMetaObject.connectSlotsByName(SetPasswordDialog)
    # setupUi

    def retranslateUi(self, SetPasswordDialog: Any) -> None:
        SetPasswordDialog.setWindowTitle(QCoreApplication.translate("SetPasswordDialog", u"Set a temporary password", None))
        self.introLabel.setText("")
    # retranslateUi

