# generated from ui/settings_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog: Any) -> None:
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(720, 480)
        self.dialogLayout = QVBoxLayout(SettingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.vaultGroup = QGroupBox(SettingsDialog)
        self.vaultGroup.setObjectName(u"vaultGroup")
        self.vaultLayout = QFormLayout(self.vaultGroup)
        self.vaultLayout.setObjectName(u"vaultLayout")
        self.vaultLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.idleLabel = QLabel(self.vaultGroup)
        self.idleLabel.setObjectName(u"idleLabel")

        self.vaultLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idleLabel)

        self.idleSpin = QSpinBox(self.vaultGroup)
        self.idleSpin.setObjectName(u"idleSpin")
        self.idleSpin.setMinimum(1)
        self.idleSpin.setMaximum(240)
        self.idleSpin.setValue(10)

        self.vaultLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idleSpin)

        self.retentionLabel = QLabel(self.vaultGroup)
        self.retentionLabel.setObjectName(u"retentionLabel")

        self.vaultLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.retentionLabel)

        self.retentionSpin = QSpinBox(self.vaultGroup)
        self.retentionSpin.setObjectName(u"retentionSpin")
        self.retentionSpin.setMinimum(1)
        self.retentionSpin.setMaximum(120)
        self.retentionSpin.setValue(24)

        self.vaultLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.retentionSpin)


        self.dialogLayout.addWidget(self.vaultGroup)

        self.certificateGroup = QGroupBox(SettingsDialog)
        self.certificateGroup.setObjectName(u"certificateGroup")
        self.certificateLayout = QFormLayout(self.certificateGroup)
        self.certificateLayout.setObjectName(u"certificateLayout")
        self.subjectTitle = QLabel(self.certificateGroup)
        self.subjectTitle.setObjectName(u"subjectTitle")

        self.certificateLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.subjectTitle)

        self.subjectLabel = QLabel(self.certificateGroup)
        self.subjectLabel.setObjectName(u"subjectLabel")
        self.subjectLabel.setWordWrap(True)
        self.subjectLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.certificateLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.subjectLabel)

        self.validityTitle = QLabel(self.certificateGroup)
        self.validityTitle.setObjectName(u"validityTitle")

        self.certificateLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.validityTitle)

        self.validityLabel = QLabel(self.certificateGroup)
        self.validityLabel.setObjectName(u"validityLabel")

        self.certificateLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.validityLabel)

        self.fingerprintTitle = QLabel(self.certificateGroup)
        self.fingerprintTitle.setObjectName(u"fingerprintTitle")

        self.certificateLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fingerprintTitle)

        self.fingerprintLabel = QLabel(self.certificateGroup)
        self.fingerprintLabel.setObjectName(u"fingerprintLabel")
        self.fingerprintLabel.setWordWrap(True)
        self.fingerprintLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprintLabel.setProperty(u"cssClass", u"mono")

        self.certificateLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.fingerprintLabel)

        self.fingerprintHint = QLabel(self.certificateGroup)
        self.fingerprintHint.setObjectName(u"fingerprintHint")
        self.fingerprintHint.setWordWrap(True)
        self.fingerprintHint.setProperty(u"cssClass", u"hint")

        self.certificateLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.fingerprintHint)

        self.certificateButtons = QHBoxLayout()
        self.certificateButtons.setObjectName(u"certificateButtons")
        self.exportButton = QPushButton(self.certificateGroup)
        self.exportButton.setObjectName(u"exportButton")
        self.exportButton.setAutoDefault(False)

        self.certificateButtons.addWidget(self.exportButton)

        self.importButton = QPushButton(self.certificateGroup)
        self.importButton.setObjectName(u"importButton")
        self.importButton.setAutoDefault(False)

        self.certificateButtons.addWidget(self.importButton)

        self.certificateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.certificateButtons.addItem(self.certificateSpacer)


        self.certificateLayout.setLayout(4, QFormLayout.ItemRole.FieldRole, self.certificateButtons)


        self.dialogLayout.addWidget(self.certificateGroup)

        self.messageLabel = QLabel(SettingsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.dialogLayout.addWidget(self.messageLabel)

        self.busy = BusyIndicator(SettingsDialog)
        self.busy.setObjectName(u"busy")

        self.dialogLayout.addWidget(self.busy)

        self.dialogSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.dialogSpacer)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.idleLabel.setBuddy(self.idleSpin)
        self.retentionLabel.setBuddy(self.retentionSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog: Any) -> None:
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.vaultGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Vault", None))
        self.idleLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Lock after no activity for", None))
        self.idleSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" minutes", None))
        self.retentionLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Review records after", None))
        self.retentionSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" months", None))
        self.certificateGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Signing certificate", None))
        self.subjectTitle.setText(QCoreApplication.translate("SettingsDialog", u"Issued to", None))
        self.validityTitle.setText(QCoreApplication.translate("SettingsDialog", u"Valid", None))
        self.fingerprintTitle.setText(QCoreApplication.translate("SettingsDialog", u"Fingerprint (SHA-256)", None))
        self.fingerprintHint.setText(QCoreApplication.translate("SettingsDialog", u"Recipients can read this out to you over the phone to confirm the certificate is yours.", None))
        self.exportButton.setText(QCoreApplication.translate("SettingsDialog", u"&Export certificate (PEM)\u2026", None))
        self.importButton.setText(QCoreApplication.translate("SettingsDialog", u"&Import PKCS#12\u2026", None))
    # retranslateUi

