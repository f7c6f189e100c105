# generated from ui/sign_in.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_SignIn(object):
    def setupUi(self, SignIn: Any) -> None:
        if not SignIn.objectName():
            SignIn.setObjectName(u"SignIn")
        SignIn.resize(900, 600)
        self.outerLayout = QVBoxLayout(SignIn)
        self.outerLayout.setObjectName(u"outerLayout")
        self.topSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.topSpacer)

        self.centreLayout = QHBoxLayout()
        self.centreLayout.setObjectName(u"centreLayout")
        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centreLayout.addItem(self.leftSpacer)

        self.card = QFrame(SignIn)
        self.card.setObjectName(u"card")
        self.card.setMinimumSize(QSize(460, 0))
        self.card.setMaximumSize(QSize(520, 16777215))
        self.card.setProperty(u"cssClass", u"card")
        self.cardLayout = QVBoxLayout(self.card)
        self.cardLayout.setSpacing(8)
        self.cardLayout.setObjectName(u"cardLayout")
        self.titleLabel = QLabel(self.card)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"cssClass", u"title")

        self.cardLayout.addWidget(self.titleLabel)

        self.folderLabel = QLabel(self.card)
        self.folderLabel.setObjectName(u"folderLabel")
        self.folderLabel.setWordWrap(True)
        self.folderLabel.setProperty(u"cssClass", u"hint")

        self.cardLayout.addWidget(self.folderLabel)

        self.userLabel = QLabel(self.card)
        self.userLabel.setObjectName(u"userLabel")

        self.cardLayout.addWidget(self.userLabel)

        self.userList = QListWidget(self.card)
        self.userList.setObjectName(u"userList")
        self.userList.setMinimumSize(QSize(0, 150))

        self.cardLayout.addWidget(self.userList)

        self.passwordLabel = QLabel(self.card)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.cardLayout.addWidget(self.passwordLabel)

        self.passwordEdit = QLineEdit(self.card)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.cardLayout.addWidget(self.passwordEdit)

        self.messageLabel = QLabel(self.card)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.cardLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(self.card)
        self.busy.setObjectName(u"busy")

        self.cardLayout.addWidget(self.busy)

        self.signInButton = QPushButton(self.card)
        self.signInButton.setObjectName(u"signInButton")
        self.signInButton.setProperty(u"cssClass", u"primary")

        self.cardLayout.addWidget(self.signInButton)

        self.recoveryButton = QPushButton(self.card)
        self.recoveryButton.setObjectName(u"recoveryButton")
        self.recoveryButton.setFlat(True)
        self.recoveryButton.setProperty(u"cssClass", u"link")

        self.cardLayout.addWidget(self.recoveryButton)


        self.centreLayout.addWidget(self.card)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centreLayout.addItem(self.rightSpacer)


        self.outerLayout.addLayout(self.centreLayout)

        self.bottomSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.userLabel.setBuddy(self.userList)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.userList, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.signInButton)
        QWidget.setTabOrder(self.signInButton, self.recoveryButton)

        self.retranslateUi(SignIn)

        self.signInButton.setDefault(True)


        QMetaObject.connectSlotsByName(SignIn)
    # setupUi

    def retranslateUi(self, SignIn: Any) -> None:
        SignIn.setWindowTitle(QCoreApplication.translate("SignIn", u"Opal Desktop \u2014 Sign in", None))
        self.titleLabel.setText(QCoreApplication.translate("SignIn", u"Opal Desktop", None))
        self.userLabel.setText(QCoreApplication.translate("SignIn", u"&Who are you?", None))
        self.passwordLabel.setText(QCoreApplication.translate("SignIn", u"&Password", None))
        self.signInButton.setText(QCoreApplication.translate("SignIn", u"Sign in", None))
        self.recoveryButton.setText(QCoreApplication.translate("SignIn", u"Forgotten the admin password? Use the recovery code", None))
    # retranslateUi

