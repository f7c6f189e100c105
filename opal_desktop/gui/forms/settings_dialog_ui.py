# generated from ui/settings_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget

from opal_desktop.gui.widgets.busy import BusyIndicator

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog: Any) -> None:
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(720, 600)
        self.dialogLayout = QVBoxLayout(SettingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.storeGroup = QGroupBox(SettingsDialog)
        self.storeGroup.setObjectName(u"storeGroup")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(3)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.storeGroup.sizePolicy().hasHeightForWidth())
        self.storeGroup.setSizePolicy(sizePolicy)
        self.storeLayout = QFormLayout(self.storeGroup)
        self.storeLayout.setObjectName(u"storeLayout")
        self.storeTitle = QLabel(self.storeGroup)
        self.storeTitle.setObjectName(u"storeTitle")

        self.storeLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.storeTitle)

        self.storeLabel = QLabel(self.storeGroup)
        self.storeLabel.setObjectName(u"storeLabel")
        self.storeLabel.setWordWrap(True)
        self.storeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.storeLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.storeLabel)

        self.addressLabel = QLabel(self.storeGroup)
        self.addressLabel.setObjectName(u"addressLabel")

        self.storeLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QPlainTextEdit(self.storeGroup)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setTabChangesFocus(True)
        self.addressEdit.setMaximumSize(QSize(16777215, 62))

        self.storeLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.postcodeLabel = QLabel(self.storeGroup)
        self.postcodeLabel.setObjectName(u"postcodeLabel")

        self.storeLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.postcodeLabel)

        self.postcodeRow = QHBoxLayout()
        self.postcodeRow.setObjectName(u"postcodeRow")
        self.postcodeEdit = QLineEdit(self.storeGroup)
        self.postcodeEdit.setObjectName(u"postcodeEdit")
        self.postcodeEdit.setMinimumSize(QSize(90, 0))
        self.postcodeEdit.setMaximumSize(QSize(120, 16777215))
        self.postcodeEdit.setMaxLength(10)

        self.postcodeRow.addWidget(self.postcodeEdit)

        self.forceLabel = QLabel(self.storeGroup)
        self.forceLabel.setObjectName(u"forceLabel")

        self.postcodeRow.addWidget(self.forceLabel)

        self.forceCombo = QComboBox(self.storeGroup)
        self.forceCombo.setObjectName(u"forceCombo")
        self.forceCombo.setEditable(True)
        self.forceCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.forceCombo.sizePolicy().hasHeightForWidth())
        self.forceCombo.setSizePolicy(sizePolicy1)

        self.postcodeRow.addWidget(self.forceCombo)


        self.storeLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.postcodeRow)

        self.storeMessage = QLabel(self.storeGroup)
        self.storeMessage.setObjectName(u"storeMessage")
        self.storeMessage.setWordWrap(True)
        self.storeMessage.setProperty(u"cssClass", u"error")

        self.storeLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.storeMessage)


        self.topRow.addWidget(self.storeGroup)

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


        self.topRow.addWidget(self.vaultGroup)


        self.dialogLayout.addLayout(self.topRow)

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
        self.addressLabel.setBuddy(self.addressEdit)
        self.postcodeLabel.setBuddy(self.postcodeEdit)
        self.forceLabel.setBuddy(self.forceCombo)
        self.idleLabel.setBuddy(self.idleSpin)
        self.retentionLabel.setBuddy(self.retentionSpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.addressEdit, self.postcodeEdit)
        QWidget.setTabOrder(self.postcodeEdit, self.forceCombo)
        QWidget.setTabOrder(self.forceCombo, self.idleSpin)
        QWidget.setTabOrder(self.idleSpin, self.retentionSpin)
        QWidget.setTabOrder(self.retentionSpin, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.importButton)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog: Any) -> None:
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.storeGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"This store (shown on every export)", None))
        self.storeTitle.setText(QCoreApplication.translate("SettingsDialog", u"Store", None))
        self.addressLabel.setText(QCoreApplication.translate("SettingsDialog", u"A&ddress", None))
        self.addressEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Street and town, one per line", None))
        self.postcodeLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Postcode", None))
        self.postcodeEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. LS1 6AZ", None))
        self.forceLabel.setText(QCoreApplication.translate("SettingsDialog", u"Police &force", None))
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

