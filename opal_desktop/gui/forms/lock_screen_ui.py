# generated from ui/lock_screen.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_LockScreen(object):
    def setupUi(self, LockScreen: Any) -> None:
        if not LockScreen.objectName():
            LockScreen.setObjectName(u"LockScreen")
        self.outerLayout = QVBoxLayout(LockScreen)
        self.outerLayout.setObjectName(u"outerLayout")
        self.topSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.topSpacer)

        self.centreLayout = QHBoxLayout()
        self.centreLayout.setObjectName(u"centreLayout")
        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centreLayout.addItem(self.leftSpacer)

        self.card = QFrame(LockScreen)
        self.card.setObjectName(u"card")
        self.card.setMinimumSize(QSize(440, 0))
        self.card.setMaximumSize(QSize(500, 16777215))
        self.card.setProperty(u"cssClass", u"card")
        self.cardLayout = QVBoxLayout(self.card)
        self.cardLayout.setSpacing(8)
        self.cardLayout.setObjectName(u"cardLayout")
        self.titleLabel = QLabel(self.card)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"cssClass", u"title")

        self.cardLayout.addWidget(self.titleLabel)

        self.infoLabel = QLabel(self.card)
        self.infoLabel.setObjectName(u"infoLabel")
        self.infoLabel.setWordWrap(True)

        self.cardLayout.addWidget(self.infoLabel)

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

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.signOutButton = QPushButton(self.card)
        self.signOutButton.setObjectName(u"signOutButton")
        self.signOutButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.signOutButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.unlockButton = QPushButton(self.card)
        self.unlockButton.setObjectName(u"unlockButton")
        self.unlockButton.setProperty(u"cssClass", u"primary")

        self.buttonLayout.addWidget(self.unlockButton)


        self.cardLayout.addLayout(self.buttonLayout)


        self.centreLayout.addWidget(self.card)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centreLayout.addItem(self.rightSpacer)


        self.outerLayout.addLayout(self.centreLayout)

        self.bottomSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passwordEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.signOutButton)

        self.retranslateUi(LockScreen)

        QMetaObject.connectSlotsByName(LockScreen)
    # setupUi

    def retranslateUi(self, LockScreen: Any) -> None:
        self.titleLabel.setText(QCoreApplication.translate("LockScreen", u"Opal Desktop is locked", None))
        self.passwordLabel.setText(QCoreApplication.translate("LockScreen", u"&Password", None))
        self.signOutButton.setText(QCoreApplication.translate("LockScreen", u"Sign out", None))
        self.unlockButton.setText(QCoreApplication.translate("LockScreen", u"Unlock", None))
        pass
    # retranslateUi

