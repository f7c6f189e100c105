# generated from ui/wizard_identity.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_IdentityPage(object):
    def setupUi(self, IdentityPage: Any) -> None:
        if not IdentityPage.objectName():
            IdentityPage.setObjectName(u"IdentityPage")
        self.pageLayout = QVBoxLayout(IdentityPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.createRadio = QRadioButton(IdentityPage)
        self.createRadio.setObjectName(u"createRadio")
        self.createRadio.setChecked(True)

        self.pageLayout.addWidget(self.createRadio)

        self.importRadio = QRadioButton(IdentityPage)
        self.importRadio.setObjectName(u"importRadio")

        self.pageLayout.addWidget(self.importRadio)

        self.importBox = QWidget(IdentityPage)
        self.importBox.setObjectName(u"importBox")
        self.importLayout = QFormLayout(self.importBox)
        self.importLayout.setObjectName(u"importLayout")
        self.importLayout.setContentsMargins(28, 0, 0, 0)
        self.fileLabel = QLabel(self.importBox)
        self.fileLabel.setObjectName(u"fileLabel")

        self.importLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fileLabel)

        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileEdit = QLineEdit(self.importBox)
        self.fileEdit.setObjectName(u"fileEdit")

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(self.importBox)
        self.browseButton.setObjectName(u"browseButton")
        self.browseButton.setAutoDefault(False)

        self.fileLayout.addWidget(self.browseButton)


        self.importLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.fileLayout)

        self.p12PasswordLabel = QLabel(self.importBox)
        self.p12PasswordLabel.setObjectName(u"p12PasswordLabel")

        self.importLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.p12PasswordLabel)

        self.p12PasswordEdit = QLineEdit(self.importBox)
        self.p12PasswordEdit.setObjectName(u"p12PasswordEdit")
        self.p12PasswordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.importLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.p12PasswordEdit)


        self.pageLayout.addWidget(self.importBox)

        self.nextHint = QLabel(IdentityPage)
        self.nextHint.setObjectName(u"nextHint")
        self.nextHint.setWordWrap(True)
        self.nextHint.setProperty(u"cssClass", u"hint")

        self.pageLayout.addWidget(self.nextHint)

        self.messageLabel = QLabel(IdentityPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.pageLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(IdentityPage)
        self.busy.setObjectName(u"busy")

        self.pageLayout.addWidget(self.busy)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)

#if QT_CONFIG(shortcut)
        self.fileLabel.setBuddy(self.fileEdit)
        self.p12PasswordLabel.setBuddy(self.p12PasswordEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IdentityPage)

        QMetaObject.connectSlotsByName(IdentityPage)
    # setupUi

    def retranslateUi(self, IdentityPage: Any) -> None:
        IdentityPage.setTitle(QCoreApplication.translate("IdentityPage", u"Signing certificate", None))
        IdentityPage.setSubTitle(QCoreApplication.translate("IdentityPage", u"Exports to Opal are signed so the police can check who sent them and that nothing was changed.", None))
        self.createRadio.setText(QCoreApplication.translate("IdentityPage", u"Create a new certificate for this store (recommended)", None))
        self.importRadio.setText(QCoreApplication.translate("IdentityPage", u"Import the organisation's certificate (.p12 or .pfx file)", None))
        self.fileLabel.setText(QCoreApplication.translate("IdentityPage", u"&File", None))
        self.browseButton.setText(QCoreApplication.translate("IdentityPage", u"&Browse\u2026", None))
        self.p12PasswordLabel.setText(QCoreApplication.translate("IdentityPage", u"File &password", None))
        self.nextHint.setText(QCoreApplication.translate("IdentityPage", u"Next, the vault is created and you will see its recovery code. Have a pen and paper ready.", None))
    # retranslateUi

