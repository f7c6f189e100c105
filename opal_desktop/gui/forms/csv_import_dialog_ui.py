# generated from ui/csv_import_dialog.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QStackedWidget, QTableView, QVBoxLayout, QWidget

class Ui_CsvImportDialog(object):
    def setupUi(self, CsvImportDialog: Any) -> None:
        if not CsvImportDialog.objectName():
            CsvImportDialog.setObjectName(u"CsvImportDialog")
        CsvImportDialog.resize(1120, 760)
        self.dialogLayout = QVBoxLayout(CsvImportDialog)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.stepsLabel = QLabel(CsvImportDialog)
        self.stepsLabel.setObjectName(u"stepsLabel")
        self.stepsLabel.setTextFormat(Qt.TextFormat.RichText)

        self.dialogLayout.addWidget(self.stepsLabel)

        self.stack = QStackedWidget(CsvImportDialog)
        self.stack.setObjectName(u"stack")
        self.choosePage = QWidget()
        self.choosePage.setObjectName(u"choosePage")
        self.choosePageLayout = QVBoxLayout(self.choosePage)
        self.choosePageLayout.setSpacing(14)
        self.choosePageLayout.setObjectName(u"choosePageLayout")
        self.chooseTitle = QLabel(self.choosePage)
        self.chooseTitle.setObjectName(u"chooseTitle")
        self.chooseTitle.setProperty(u"cssClass", u"title")

        self.choosePageLayout.addWidget(self.chooseTitle)

        self.chooseIntro = QLabel(self.choosePage)
        self.chooseIntro.setObjectName(u"chooseIntro")
        self.chooseIntro.setWordWrap(True)

        self.choosePageLayout.addWidget(self.chooseIntro)

        self.chooseButtonLayout = QHBoxLayout()
        self.chooseButtonLayout.setObjectName(u"chooseButtonLayout")
        self.chooseButton = QPushButton(self.choosePage)
        self.chooseButton.setObjectName(u"chooseButton")
        self.chooseButton.setProperty(u"cssClass", u"primary")

        self.chooseButtonLayout.addWidget(self.chooseButton)

        self.chooseButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.chooseButtonLayout.addItem(self.chooseButtonSpacer)


        self.choosePageLayout.addLayout(self.chooseButtonLayout)

        self.fileMessage = QLabel(self.choosePage)
        self.fileMessage.setObjectName(u"fileMessage")
        self.fileMessage.setWordWrap(True)
        self.fileMessage.setTextFormat(Qt.TextFormat.PlainText)
        self.fileMessage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fileMessage.setProperty(u"cssClass", u"error")

        self.choosePageLayout.addWidget(self.fileMessage)

        self.chooseSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.choosePageLayout.addItem(self.chooseSpacer)

        self.stack.addWidget(self.choosePage)
        self.matchPage = QWidget()
        self.matchPage.setObjectName(u"matchPage")
        self.matchPageLayout = QVBoxLayout(self.matchPage)
        self.matchPageLayout.setObjectName(u"matchPageLayout")
        self.matchPageLayout.setContentsMargins(0, -1, 0, -1)
        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileLabel = QLabel(self.matchPage)
        self.fileLabel.setObjectName(u"fileLabel")
        self.fileLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.fileLabel.setWordWrap(True)

        self.fileLayout.addWidget(self.fileLabel)

        self.otherFileButton = QPushButton(self.matchPage)
        self.otherFileButton.setObjectName(u"otherFileButton")
        self.otherFileButton.setAutoDefault(False)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.otherFileButton.sizePolicy().hasHeightForWidth())
        self.otherFileButton.setSizePolicy(sizePolicy)

        self.fileLayout.addWidget(self.otherFileButton)


        self.matchPageLayout.addLayout(self.fileLayout)

        self.previewGroup = QGroupBox(self.matchPage)
        self.previewGroup.setObjectName(u"previewGroup")
        self.previewLayout = QVBoxLayout(self.previewGroup)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewView = QTableView(self.previewGroup)
        self.previewView.setObjectName(u"previewView")
        self.previewView.setMinimumSize(QSize(0, 180))
        self.previewView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previewView.setAlternatingRowColors(True)
        self.previewView.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.previewView.setWordWrap(False)

        self.previewLayout.addWidget(self.previewView)


        self.matchPageLayout.addWidget(self.previewGroup)

        self.matchColumns = QHBoxLayout()
        self.matchColumns.setSpacing(12)
        self.matchColumns.setObjectName(u"matchColumns")
        self.mappingGroup = QGroupBox(self.matchPage)
        self.mappingGroup.setObjectName(u"mappingGroup")
        self.mappingLayout = QVBoxLayout(self.mappingGroup)
        self.mappingLayout.setObjectName(u"mappingLayout")
        self.mappingHint = QLabel(self.mappingGroup)
        self.mappingHint.setObjectName(u"mappingHint")
        self.mappingHint.setWordWrap(True)
        self.mappingHint.setProperty(u"cssClass", u"hint")

        self.mappingLayout.addWidget(self.mappingHint)

        self.dateOrderLayout = QHBoxLayout()
        self.dateOrderLayout.setObjectName(u"dateOrderLayout")
        self.dateOrderLabel = QLabel(self.mappingGroup)
        self.dateOrderLabel.setObjectName(u"dateOrderLabel")

        self.dateOrderLayout.addWidget(self.dateOrderLabel)

        self.dateOrderCombo = QComboBox(self.mappingGroup)
        self.dateOrderCombo.addItem("")
        self.dateOrderCombo.addItem("")
        self.dateOrderCombo.setObjectName(u"dateOrderCombo")

        self.dateOrderLayout.addWidget(self.dateOrderCombo)

        self.dateOrderSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dateOrderLayout.addItem(self.dateOrderSpacer)


        self.mappingLayout.addLayout(self.dateOrderLayout)

        self.mappingScroll = QScrollArea(self.mappingGroup)
        self.mappingScroll.setObjectName(u"mappingScroll")
        self.mappingScroll.setWidgetResizable(True)
        self.mappingScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mappingScroll.setFrameShape(QFrame.Shape.NoFrame)

        self.mappingLayout.addWidget(self.mappingScroll)


        self.matchColumns.addWidget(self.mappingGroup)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.checkGroup = QGroupBox(self.matchPage)
        self.checkGroup.setObjectName(u"checkGroup")
        self.checkLayout = QVBoxLayout(self.checkGroup)
        self.checkLayout.setObjectName(u"checkLayout")
        self.summaryLabel = QLabel(self.checkGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.checkLayout.addWidget(self.summaryLabel)

        self.datesLabel = QLabel(self.checkGroup)
        self.datesLabel.setObjectName(u"datesLabel")
        self.datesLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)
        self.datesLabel.setWordWrap(True)
        self.datesLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.datesLabel.setProperty(u"cssClass", u"attention")

        self.checkLayout.addWidget(self.datesLabel)

        self.problemsEdit = QPlainTextEdit(self.checkGroup)
        self.problemsEdit.setObjectName(u"problemsEdit")
        self.problemsEdit.setMinimumSize(QSize(0, 60))
        self.problemsEdit.setReadOnly(True)
        self.problemsEdit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problemsEdit.setTabChangesFocus(True)

        self.checkLayout.addWidget(self.problemsEdit)

        self.copyLayout = QHBoxLayout()
        self.copyLayout.setObjectName(u"copyLayout")
        self.copyButton = QPushButton(self.checkGroup)
        self.copyButton.setObjectName(u"copyButton")
        self.copyButton.setAutoDefault(False)

        self.copyLayout.addWidget(self.copyButton)

        self.copySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.copyLayout.addItem(self.copySpacer)


        self.checkLayout.addLayout(self.copyLayout)


        self.rightColumn.addWidget(self.checkGroup)


        self.matchColumns.addLayout(self.rightColumn)

        self.matchColumns.setStretch(0, 1)
        self.matchColumns.setStretch(1, 1)

        self.matchPageLayout.addLayout(self.matchColumns)

        self.matchPageLayout.setStretch(1, 2)
        self.matchPageLayout.setStretch(2, 3)
        self.stack.addWidget(self.matchPage)
        self.donePage = QWidget()
        self.donePage.setObjectName(u"donePage")
        self.donePageLayout = QVBoxLayout(self.donePage)
        self.donePageLayout.setSpacing(14)
        self.donePageLayout.setObjectName(u"donePageLayout")
        self.doneTitle = QLabel(self.donePage)
        self.doneTitle.setObjectName(u"doneTitle")
        self.doneTitle.setProperty(u"cssClass", u"title")

        self.donePageLayout.addWidget(self.doneTitle)

        self.doneLabel = QLabel(self.donePage)
        self.doneLabel.setObjectName(u"doneLabel")
        self.doneLabel.setWordWrap(True)
        self.doneLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.doneLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.doneLabel.setProperty(u"cssClass", u"ok")

        self.donePageLayout.addWidget(self.doneLabel)

        self.doneHint = QLabel(self.donePage)
        self.doneHint.setObjectName(u"doneHint")
        self.doneHint.setWordWrap(True)
        self.doneHint.setProperty(u"cssClass", u"hint")

        self.donePageLayout.addWidget(self.doneHint)

        self.doneSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.donePageLayout.addItem(self.doneSpacer)

        self.stack.addWidget(self.donePage)

        self.dialogLayout.addWidget(self.stack)

        self.progressStrip = QWidget(CsvImportDialog)
        self.progressStrip.setObjectName(u"progressStrip")
        self.progressLayout = QHBoxLayout(self.progressStrip)
        self.progressLayout.setObjectName(u"progressLayout")
        self.progressLayout.setContentsMargins(0, 0, 0, 0)
        self.progressLabel = QLabel(self.progressStrip)
        self.progressLabel.setObjectName(u"progressLabel")

        self.progressLayout.addWidget(self.progressLabel)

        self.progressBar = QProgressBar(self.progressStrip)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setTextVisible(False)
        self.progressBar.setMaximumSize(QSize(16777215, 12))

        self.progressLayout.addWidget(self.progressBar)

        self.stopButton = QPushButton(self.progressStrip)
        self.stopButton.setObjectName(u"stopButton")
        self.stopButton.setAutoDefault(False)

        self.progressLayout.addWidget(self.stopButton)


        self.dialogLayout.addWidget(self.progressStrip)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setSpacing(10)
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.nextStepLabel = QLabel(CsvImportDialog)
        self.nextStepLabel.setObjectName(u"nextStepLabel")
        self.nextStepLabel.setWordWrap(True)
        self.nextStepLabel.setTextFormat(Qt.TextFormat.PlainText)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.nextStepLabel.sizePolicy().hasHeightForWidth())
        self.nextStepLabel.setSizePolicy(sizePolicy1)

        self.buttonLayout.addWidget(self.nextStepLabel)

        self.closeButton = QPushButton(CsvImportDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.closeButton)

        self.checkButton = QPushButton(CsvImportDialog)
        self.checkButton.setObjectName(u"checkButton")
        self.checkButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.checkButton)

        self.importButton = QPushButton(CsvImportDialog)
        self.importButton.setObjectName(u"importButton")
        self.importButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.importButton)


        self.dialogLayout.addLayout(self.buttonLayout)

#if QT_CONFIG(shortcut)
        self.dateOrderLabel.setBuddy(self.dateOrderCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CsvImportDialog)

        QMetaObject.connectSlotsByName(CsvImportDialog)
    # setupUi

    def retranslateUi(self, CsvImportDialog: Any) -> None:
        CsvImportDialog.setWindowTitle(QCoreApplication.translate("CsvImportDialog", u"Import incidents from a spreadsheet (CSV)", None))
        self.chooseTitle.setText(QCoreApplication.translate("CsvImportDialog", u"Choose the spreadsheet file", None))
        self.chooseIntro.setText(QCoreApplication.translate("CsvImportDialog", u"Save your spreadsheet as a CSV file (in Excel: File, Save As, \"CSV UTF-8\"), then choose it here. You will see its first rows, say which column holds what, and check every row. Nothing is added to the vault until you press Import.", None))
        self.chooseButton.setText(QCoreApplication.translate("CsvImportDialog", u"&Choose a CSV file\u2026", None))
        self.otherFileButton.setText(QCoreApplication.translate("CsvImportDialog", u"Choose a &different file\u2026", None))
        self.previewGroup.setTitle(QCoreApplication.translate("CsvImportDialog", u"The first rows of the file", None))
        self.mappingGroup.setTitle(QCoreApplication.translate("CsvImportDialog", u"Which column holds what", None))
        self.mappingHint.setText(QCoreApplication.translate("CsvImportDialog", u"Filled in from the headings and your last import: change any that are wrong.", None))
        self.dateOrderLabel.setText(QCoreApplication.translate("CsvImportDialog", u"&Dates in the file:", None))
        self.dateOrderCombo.setItemText(0, QCoreApplication.translate("CsvImportDialog", u"Day first: 03/04/2026 is 3 April 2026 (UK)", None))
        self.dateOrderCombo.setItemText(1, QCoreApplication.translate("CsvImportDialog", u"Month first: 03/04/2026 is 4 March 2026 (US)", None))

#if QT_CONFIG(tooltip)
        self.dateOrderCombo.setToolTip(QCoreApplication.translate("CsvImportDialog", u"How dates such as 03/04/2026 are read. Most UK spreadsheets put the day first.", None))
#endif // QT_CONFIG(tooltip)
        self.checkGroup.setTitle(QCoreApplication.translate("CsvImportDialog", u"Check the rows", None))
        self.copyButton.setText(QCoreApplication.translate("CsvImportDialog", u"C&opy the list of problems", None))
        self.doneTitle.setText(QCoreApplication.translate("CsvImportDialog", u"Import finished", None))
        self.doneHint.setText(QCoreApplication.translate("CsvImportDialog", u"The incidents are now in the list. Open the drafts to add what they are missing, and add crime references as the police give them.", None))
        self.stopButton.setText(QCoreApplication.translate("CsvImportDialog", u"&Stop", None))
        self.closeButton.setText(QCoreApplication.translate("CsvImportDialog", u"Close", None))
        self.checkButton.setText(QCoreApplication.translate("CsvImportDialog", u"C&heck rows", None))
        self.importButton.setText(QCoreApplication.translate("CsvImportDialog", u"Import incidents", None))
    # retranslateUi

