# generated from ui/change_password_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.password_fields import NewPasswordFields

class Ui_ChangePasswordDialog(object):
    def setupUi(self, ChangePasswordDialog: Any) -> None:
        if not ChangePasswordDialog.objectName():
            ChangePasswordDialog.setObjectName(u"ChangePasswordDialog")
        ChangePasswordDialog.setMinimumSize(QSize(520, 0))
        self.dialogLayout = QVBoxLayout(ChangePasswordDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ChangePasswordDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QFormLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.oldPasswordLabel = QLabel(ChangePasswordDialog)
        self.oldPasswordLabel.setObjectName(u"oldPasswordLabel")

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.oldPasswordLabel)

        self.oldPasswordEdit = QLineEdit(ChangePasswordDialog)
        self.oldPasswordEdit.setObjectName(u"oldPasswordEdit")
        self.oldPasswordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.oldPasswordEdit)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.passwordFields = NewPasswordFields(ChangePasswordDialog)
        self.passwordFields.setObjectName(u"passwordFields")

        self.dialogLayout.addWidget(self.passwordFields)

        self.messageLabel = QLabel(ChangePasswordDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.dialogLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(ChangePasswordDialog)
        self.busy.setObjectName(u"busy")

        self.dialogLayout.addWidget(self.busy)

        self.buttonBox = QDialogButtonBox(ChangePasswordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.oldPasswordLabel.setBuddy(self.oldPasswordEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ChangePasswordDialog)

        QMetaObject.connectSlotsByName(ChangePasswordDialog)
    # setupUi

    def retranslateUi(self, ChangePasswordDialog: Any) -> None:
        ChangePasswordDialog.setWindowTitle(QCoreApplication.translate("ChangePasswordDialog", u"Change my password", None))
        self.introLabel.setText(QCoreApplication.translate("ChangePasswordDialog", u"Type your current password, then choose a new one. Three random words are long and easy to remember.", None))
        self.oldPasswordLabel.setText(QCoreApplication.translate("ChangePasswordDialog", u"&Current password", None))
    # retranslateUi

