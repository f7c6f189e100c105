# generated from ui/incident_list.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout, QWidget

class Ui_IncidentList(object):
    def setupUi(self, IncidentList: Any) -> None:
        if not IncidentList.objectName():
            IncidentList.setObjectName(u"IncidentList")
        IncidentList.resize(1000, 600)
        self.listLayout = QVBoxLayout(IncidentList)
        self.listLayout.setSpacing(8)
        self.listLayout.setObjectName(u"listLayout")
        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(IncidentList)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(IncidentList)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.missingCheck = QCheckBox(IncidentList)
        self.missingCheck.setObjectName(u"missingCheck")

        self.searchLayout.addWidget(self.missingCheck)

        self.clearButton = QPushButton(IncidentList)
        self.clearButton.setObjectName(u"clearButton")
        self.clearButton.setAutoDefault(False)

        self.searchLayout.addWidget(self.clearButton)


        self.listLayout.addLayout(self.searchLayout)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.fromCheck = QCheckBox(IncidentList)
        self.fromCheck.setObjectName(u"fromCheck")

        self.filterLayout.addWidget(self.fromCheck)

        self.fromDate = QDateEdit(IncidentList)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.fromDate)

        self.toCheck = QCheckBox(IncidentList)
        self.toCheck.setObjectName(u"toCheck")

        self.filterLayout.addWidget(self.toCheck)

        self.toDate = QDateEdit(IncidentList)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)

        self.filterLayout.addWidget(self.toDate)

        self.typeLabel = QLabel(IncidentList)
        self.typeLabel.setObjectName(u"typeLabel")

        self.filterLayout.addWidget(self.typeLabel)

        self.typeCombo = QComboBox(IncidentList)
        self.typeCombo.setObjectName(u"typeCombo")
        self.typeCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.typeCombo.setMinimumContentsLength(12)

        self.filterLayout.addWidget(self.typeCombo)

        self.statusLabel = QLabel(IncidentList)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterLayout.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(IncidentList)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterLayout.addWidget(self.statusCombo)

        self.storeLabel = QLabel(IncidentList)
        self.storeLabel.setObjectName(u"storeLabel")

        self.filterLayout.addWidget(self.storeLabel)

        self.storeCombo = QComboBox(IncidentList)
        self.storeCombo.setObjectName(u"storeCombo")
        self.storeCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.storeCombo.setMinimumContentsLength(12)

        self.filterLayout.addWidget(self.storeCombo)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer)

        self.countLabel = QLabel(IncidentList)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setMinimumSize(QSize(110, 0))
        self.countLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.countLabel.setProperty(u"cssClass", u"hint")

        self.filterLayout.addWidget(self.countLabel)


        self.listLayout.addLayout(self.filterLayout)

        self.messageLabel = QLabel(IncidentList)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"cssClass", u"error")

        self.listLayout.addWidget(self.messageLabel)

        self.table = QTableView(IncidentList)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.listLayout.addWidget(self.table)

        self.noMatchLabel = QLabel(IncidentList)
        self.noMatchLabel.setObjectName(u"noMatchLabel")
        self.noMatchLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.noMatchLabel.setProperty(u"cssClass", u"hint")

        self.listLayout.addWidget(self.noMatchLabel)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.typeLabel.setBuddy(self.typeCombo)
        self.statusLabel.setBuddy(self.statusCombo)
        self.storeLabel.setBuddy(self.storeCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.table)
        QWidget.setTabOrder(self.table, self.missingCheck)
        QWidget.setTabOrder(self.missingCheck, self.clearButton)
        QWidget.setTabOrder(self.clearButton, self.fromCheck)
        QWidget.setTabOrder(self.fromCheck, self.fromDate)
        QWidget.setTabOrder(self.fromDate, self.toCheck)
        QWidget.setTabOrder(self.toCheck, self.toDate)
        QWidget.setTabOrder(self.toDate, self.typeCombo)
        QWidget.setTabOrder(self.typeCombo, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.storeCombo)

        self.retranslateUi(IncidentList)

        QMetaObject.connectSlotsByName(IncidentList)
    # setupUi

    def retranslateUi(self, IncidentList: Any) -> None:
        self.searchLabel.setText(QCoreApplication.translate("IncidentList", u"&Search", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("IncidentList", u"Search: names on descriptions, number plates, products, references\u2026", None))
        self.missingCheck.setText(QCoreApplication.translate("IncidentList", u"&Missing crime reference only", None))
        self.clearButton.setText(QCoreApplication.translate("IncidentList", u"C&lear filters", None))
        self.fromCheck.setText(QCoreApplication.translate("IncidentList", u"&From", None))
        self.fromDate.setDisplayFormat(QCoreApplication.translate("IncidentList", u"dd/MM/yyyy", None))
        self.toCheck.setText(QCoreApplication.translate("IncidentList", u"&To", None))
        self.toDate.setDisplayFormat(QCoreApplication.translate("IncidentList", u"dd/MM/yyyy", None))
        self.typeLabel.setText(QCoreApplication.translate("IncidentList", u"T&ype", None))
        self.statusLabel.setText(QCoreApplication.translate("IncidentList", u"Stat&us", None))
        self.storeLabel.setText(QCoreApplication.translate("IncidentList", u"St&ore", None))
        self.noMatchLabel.setText(QCoreApplication.translate("IncidentList", u"No incidents match. Change the search or clear the filters.", None))
        pass
    # retranslateUi

