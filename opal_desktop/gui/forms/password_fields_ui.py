# generated from ui/password_fields.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QSizePolicy, QSpacerItem

class Ui_PasswordFields(object):
    def setupUi(self, PasswordFields: Any) -> None:
        if not PasswordFields.objectName():
            PasswordFields.setObjectName(u"PasswordFields")
        self.fieldsLayout = QFormLayout(PasswordFields)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setContentsMargins(0, 0, 0, 0)
        self.passwordLabel = QLabel(PasswordFields)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(PasswordFields)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fieldsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.strengthLayout = QHBoxLayout()
        self.strengthLayout.setObjectName(u"strengthLayout")
        self.strengthBar = QProgressBar(PasswordFields)
        self.strengthBar.setObjectName(u"strengthBar")
        self.strengthBar.setMaximum(4)
        self.strengthBar.setValue(0)
        self.strengthBar.setTextVisible(False)
        self.strengthBar.setMaximumSize(QSize(140, 10))

        self.strengthLayout.addWidget(self.strengthBar)

        self.strengthLabel = QLabel(PasswordFields)
        self.strengthLabel.setObjectName(u"strengthLabel")
        self.strengthLabel.setWordWrap(True)
        self.strengthLabel.setProperty(u"cssClass", u"hint")

        self.strengthLayout.addWidget(self.strengthLabel)

        self.strengthSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.strengthLayout.addItem(self.strengthSpacer)


        self.fieldsLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.strengthLayout)

        self.passwordMessage = QLabel(PasswordFields)
        self.passwordMessage.setObjectName(u"passwordMessage")
        self.passwordMessage.setWordWrap(True)
        self.passwordMessage.setProperty(u"cssClass", u"error")

        self.fieldsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordMessage)

        self.confirmLabel = QLabel(PasswordFields)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.fieldsLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(PasswordFields)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fieldsLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirmEdit)

        self.confirmMessage = QLabel(PasswordFields)
        self.confirmMessage.setObjectName(u"confirmMessage")
        self.confirmMessage.setWordWrap(True)
        self.confirmMessage.setProperty(u"cssClass", u"error")

        self.fieldsLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.confirmMessage)

#if QT_CONFIG(shortcut)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PasswordFields)

        QMetaObject.connectSlotsByName(PasswordFields)
    # setupUi

    def retranslateUi(self, PasswordFields: Any) -> None:
        self.passwordLabel.setText(QCoreApplication.translate("PasswordFields", u"&New password", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("PasswordFields", u"At least 12 characters, e.g. three random words", None))
        self.strengthLabel.setText(QCoreApplication.translate("PasswordFields", u"Three random words make a strong password.", None))
        self.confirmLabel.setText(QCoreApplication.translate("PasswordFields", u"&Type it again", None))
        pass
    # retranslateUi

