# generated from ui/wizard_recovery.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_RecoveryPage(object):
    def setupUi(self, RecoveryPage: Any) -> None:
        if not RecoveryPage.objectName():
            RecoveryPage.setObjectName(u"RecoveryPage")
        self.pageLayout = QVBoxLayout(RecoveryPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.codeLabel = QLabel(RecoveryPage)
        self.codeLabel.setObjectName(u"codeLabel")
        self.codeLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.codeLabel.setWordWrap(True)
        self.codeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.codeLabel.setProperty(u"cssClass", u"code")

        self.pageLayout.addWidget(self.codeLabel)

        self.adviceLabel = QLabel(RecoveryPage)
        self.adviceLabel.setObjectName(u"adviceLabel")
        self.adviceLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.adviceLabel)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.copyButton = QPushButton(RecoveryPage)
        self.copyButton.setObjectName(u"copyButton")
        self.copyButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.copyButton)

        self.printButton = QPushButton(RecoveryPage)
        self.printButton.setObjectName(u"printButton")
        self.printButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.printButton)

        self.copiedLabel = QLabel(RecoveryPage)
        self.copiedLabel.setObjectName(u"copiedLabel")
        self.copiedLabel.setProperty(u"cssClass", u"hint")

        self.buttonLayout.addWidget(self.copiedLabel)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)


        self.pageLayout.addLayout(self.buttonLayout)

        self.confirmCheck = QCheckBox(RecoveryPage)
        self.confirmCheck.setObjectName(u"confirmCheck")

        self.pageLayout.addWidget(self.confirmCheck)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)


        self.retranslateUi(RecoveryPage)

        QMetaObject.connectSlotsByName(RecoveryPage)
    # setupUi

    def retranslateUi(self, RecoveryPage: Any) -> None:
        RecoveryPage.setTitle(QCoreApplication.translate("RecoveryPage", u"Your recovery code", None))
        RecoveryPage.setSubTitle(QCoreApplication.translate("RecoveryPage", u"The vault is created. If every administrator forgets their password, this code is the only way back in.", None))
        self.adviceLabel.setText(QCoreApplication.translate("RecoveryPage", u"Write it down on paper now and keep it somewhere locked, away from this PC. It is shown only once. Anyone with the code and this PC can open the vault.", None))
        self.copyButton.setText(QCoreApplication.translate("RecoveryPage", u"&Copy", None))
        self.printButton.setText(QCoreApplication.translate("RecoveryPage", u"&Print\u2026", None))
        self.confirmCheck.setText(QCoreApplication.translate("RecoveryPage", u"I have &written the recovery code down and stored it safely", None))
    # retranslateUi

