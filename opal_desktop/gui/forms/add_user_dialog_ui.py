# generated from ui/add_user_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.password_fields import NewPasswordFields

class Ui_AddUserDialog(object):
    def setupUi(self, AddUserDialog: Any) -> None:
        if not AddUserDialog.objectName():
            AddUserDialog.setObjectName(u"AddUserDialog")
        self.formLayout = QFormLayout(AddUserDialog)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setVerticalSpacing(10)
        self.usernameLabel = QLabel(AddUserDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(AddUserDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.usernameMessage = QLabel(AddUserDialog)
        self.usernameMessage.setObjectName(u"usernameMessage")
        self.usernameMessage.setWordWrap(True)
        self.usernameMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameMessage)

        self.displayNameLabel = QLabel(AddUserDialog)
        self.displayNameLabel.setObjectName(u"displayNameLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.displayNameLabel)

        self.displayNameEdit = QLineEdit(AddUserDialog)
        self.displayNameEdit.setObjectName(u"displayNameEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.displayNameEdit)

        self.displayNameMessage = QLabel(AddUserDialog)
        self.displayNameMessage.setObjectName(u"displayNameMessage")
        self.displayNameMessage.setWordWrap(True)
        self.displayNameMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.displayNameMessage)

        self.roleLabel = QLabel(AddUserDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(AddUserDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.temporaryHint = QLabel(AddUserDialog)
        self.temporaryHint.setObjectName(u"temporaryHint")
        self.temporaryHint.setWordWrap(True)
        self.temporaryHint.setProperty(u"cssClass", u"hint")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.temporaryHint)

        self.passwordFields = NewPasswordFields(AddUserDialog)
        self.passwordFields.setObjectName(u"passwordFields")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.passwordFields)

        self.messageLabel = QLabel(AddUserDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.messageLabel)

        self.busy = BusyIndicator(AddUserDialog)
        self.busy.setObjectName(u"busy")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.busy)

        self.buttonBox = QDialogButtonBox(AddUserDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.displayNameLabel.setBuddy(self.displayNameEdit)
        self.roleLabel.setBuddy(self.roleCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AddUserDialog)

        QMetaObject.connectSlotsByName(AddUserDialog)
    # setupUi

    def retranslateUi(self, AddUserDialog: Any) -> None:
        AddUserDialog.setWindowTitle(QCoreApplication.translate("AddUserDialog", u"Add a user", None))
        self.usernameLabel.setText(QCoreApplication.translate("AddUserDialog", u"&Username", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("AddUserDialog", u"e.g. j.smith", None))
        self.displayNameLabel.setText(QCoreApplication.translate("AddUserDialog", u"&Full name", None))
        self.displayNameEdit.setPlaceholderText(QCoreApplication.translate("AddUserDialog", u"e.g. Jane Smith", None))
        self.roleLabel.setText(QCoreApplication.translate("AddUserDialog", u"&Role", None))
        self.temporaryHint.setText(QCoreApplication.translate("AddUserDialog", u"Choose a temporary password and tell it to them in person. They will be asked to choose their own when they first sign in.", None))
    # retranslateUi

