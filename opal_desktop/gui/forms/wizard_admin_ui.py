# generated from ui/wizard_admin.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from opal_desktop.gui.widgets.password_fields import NewPasswordFields

class Ui_AdminPage(object):
    def setupUi(self, AdminPage: Any) -> None:
        if not AdminPage.objectName():
            AdminPage.setObjectName(u"AdminPage")
        self.formLayout = QFormLayout(AdminPage)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setVerticalSpacing(10)
        self.usernameLabel = QLabel(AdminPage)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(AdminPage)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.usernameMessage = QLabel(AdminPage)
        self.usernameMessage.setObjectName(u"usernameMessage")
        self.usernameMessage.setWordWrap(True)
        self.usernameMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameMessage)

        self.displayNameLabel = QLabel(AdminPage)
        self.displayNameLabel.setObjectName(u"displayNameLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.displayNameLabel)

        self.displayNameEdit = QLineEdit(AdminPage)
        self.displayNameEdit.setObjectName(u"displayNameEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.displayNameEdit)

        self.displayNameMessage = QLabel(AdminPage)
        self.displayNameMessage.setObjectName(u"displayNameMessage")
        self.displayNameMessage.setWordWrap(True)
        self.displayNameMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.displayNameMessage)

        self.passwordFields = NewPasswordFields(AdminPage)
        self.passwordFields.setObjectName(u"passwordFields")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.passwordFields)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.displayNameLabel.setBuddy(self.displayNameEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AdminPage)

        QMetaObject.connectSlotsByName(AdminPage)
    # setupUi

    def retranslateUi(self, AdminPage: Any) -> None:
        AdminPage.setTitle(QCoreApplication.translate("AdminPage", u"The first administrator", None))
        AdminPage.setSubTitle(QCoreApplication.translate("AdminPage", u"This person manages users and settings. Everyone signs in with their own name and password.", None))
        self.usernameLabel.setText(QCoreApplication.translate("AdminPage", u"&Username", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("AdminPage", u"e.g. j.smith", None))
        self.displayNameLabel.setText(QCoreApplication.translate("AdminPage", u"&Full name", None))
        self.displayNameEdit.setPlaceholderText(QCoreApplication.translate("AdminPage", u"e.g. Jane Smith", None))
    # retranslateUi

