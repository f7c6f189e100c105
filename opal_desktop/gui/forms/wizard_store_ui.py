# generated from ui/wizard_store.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QSpacerItem

class Ui_StorePage(object):
    def setupUi(self, StorePage: Any) -> None:
        if not StorePage.objectName():
            StorePage.setObjectName(u"StorePage")
        self.formLayout = QFormLayout(StorePage)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setVerticalSpacing(10)
        self.organisationLabel = QLabel(StorePage)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisationEdit = QLineEdit(StorePage)
        self.organisationEdit.setObjectName(u"organisationEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.organisationEdit)

        self.organisationMessage = QLabel(StorePage)
        self.organisationMessage.setObjectName(u"organisationMessage")
        self.organisationMessage.setWordWrap(True)
        self.organisationMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.organisationMessage)

        self.storeNameLabel = QLabel(StorePage)
        self.storeNameLabel.setObjectName(u"storeNameLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.storeNameLabel)

        self.storeNameEdit = QLineEdit(StorePage)
        self.storeNameEdit.setObjectName(u"storeNameEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.storeNameEdit)

        self.storeNameMessage = QLabel(StorePage)
        self.storeNameMessage.setObjectName(u"storeNameMessage")
        self.storeNameMessage.setWordWrap(True)
        self.storeNameMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.storeNameMessage)

        self.storeCodeLabel = QLabel(StorePage)
        self.storeCodeLabel.setObjectName(u"storeCodeLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.storeCodeLabel)

        self.storeCodeEdit = QLineEdit(StorePage)
        self.storeCodeEdit.setObjectName(u"storeCodeEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.storeCodeEdit)

        self.storeCodeMessage = QLabel(StorePage)
        self.storeCodeMessage.setObjectName(u"storeCodeMessage")
        self.storeCodeMessage.setWordWrap(True)
        self.storeCodeMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.storeCodeMessage)

        self.addressLabel = QLabel(StorePage)
        self.addressLabel.setObjectName(u"addressLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QPlainTextEdit(StorePage)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setTabChangesFocus(True)
        self.addressEdit.setMaximumSize(QSize(16777215, 70))

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.postcodeLabel = QLabel(StorePage)
        self.postcodeLabel.setObjectName(u"postcodeLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.postcodeLabel)

        self.postcodeEdit = QLineEdit(StorePage)
        self.postcodeEdit.setObjectName(u"postcodeEdit")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.postcodeEdit)

        self.postcodeMessage = QLabel(StorePage)
        self.postcodeMessage.setObjectName(u"postcodeMessage")
        self.postcodeMessage.setWordWrap(True)
        self.postcodeMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.postcodeMessage)

        self.forceLabel = QLabel(StorePage)
        self.forceLabel.setObjectName(u"forceLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.forceLabel)

        self.forceCombo = QComboBox(StorePage)
        self.forceCombo.setObjectName(u"forceCombo")
        self.forceCombo.setEditable(True)
        self.forceCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.forceCombo)

        self.forceMessage = QLabel(StorePage)
        self.forceMessage.setObjectName(u"forceMessage")
        self.forceMessage.setWordWrap(True)
        self.forceMessage.setProperty(u"cssClass", u"error")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.forceMessage)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.formLayout.setItem(11, QFormLayout.ItemRole.SpanningRole, self.pageSpacer)

#if QT_CONFIG(shortcut)
        self.organisationLabel.setBuddy(self.organisationEdit)
        self.storeNameLabel.setBuddy(self.storeNameEdit)
        self.storeCodeLabel.setBuddy(self.storeCodeEdit)
        self.addressLabel.setBuddy(self.addressEdit)
        self.postcodeLabel.setBuddy(self.postcodeEdit)
        self.forceLabel.setBuddy(self.forceCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(StorePage)

        QMetaObject.connectSlotsByName(StorePage)
    # setupUi

    def retranslateUi(self, StorePage: Any) -> None:
        StorePage.setTitle(QCoreApplication.translate("StorePage", u"Your organisation and store", None))
        StorePage.setSubTitle(QCoreApplication.translate("StorePage", u"These details go on every incident and export. You can check them later in Settings.", None))
        self.organisationLabel.setText(QCoreApplication.translate("StorePage", u"&Retailer or organisation", None))
        self.organisationEdit.setPlaceholderText(QCoreApplication.translate("StorePage", u"e.g. Northgate Retail Ltd", None))
        self.storeNameLabel.setText(QCoreApplication.translate("StorePage", u"&Store name", None))
        self.storeNameEdit.setPlaceholderText(QCoreApplication.translate("StorePage", u"e.g. Leeds Briggate", None))
        self.storeCodeLabel.setText(QCoreApplication.translate("StorePage", u"Store &code", None))
        self.storeCodeEdit.setPlaceholderText(QCoreApplication.translate("StorePage", u"e.g. LDS01", None))
        self.addressLabel.setText(QCoreApplication.translate("StorePage", u"&Address", None))
        self.addressEdit.setPlaceholderText(QCoreApplication.translate("StorePage", u"Street and town", None))
        self.postcodeLabel.setText(QCoreApplication.translate("StorePage", u"&Postcode", None))
        self.postcodeEdit.setPlaceholderText(QCoreApplication.translate("StorePage", u"e.g. LS1 6AZ", None))
        self.forceLabel.setText(QCoreApplication.translate("StorePage", u"Police &force", None))
    # retranslateUi

