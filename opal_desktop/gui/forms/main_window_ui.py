# generated from ui/main_window.ui by build/compile_forms.py — do not edit

from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMenuBar, QPushButton, QSizePolicy, QSpacerItem, QStackedWidget, QStatusBar, QToolBar, QVBoxLayout, QWidget

class Ui_MainWindow(object):
    def setupUi(self, MainWindow: Any) -> None:
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(900, 600)
        self.actionNewIncident = QAction(MainWindow)
        self.actionNewIncident.setObjectName(u"actionNewIncident")
        self.actionChangePassword = QAction(MainWindow)
        self.actionChangePassword.setObjectName(u"actionChangePassword")
        self.actionLock = QAction(MainWindow)
        self.actionLock.setObjectName(u"actionLock")
        self.actionSignOut = QAction(MainWindow)
        self.actionSignOut.setObjectName(u"actionSignOut")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionUsers = QAction(MainWindow)
        self.actionUsers.setObjectName(u"actionUsers")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionAudit = QAction(MainWindow)
        self.actionAudit.setObjectName(u"actionAudit")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.stack = QStackedWidget(MainWindow)
        self.stack.setObjectName(u"stack")
        self.homePage = QWidget()
        self.homePage.setObjectName(u"homePage")
        self.homeLayout = QVBoxLayout(self.homePage)
        self.homeLayout.setObjectName(u"homeLayout")
        self.homeStack = QStackedWidget(self.homePage)
        self.homeStack.setObjectName(u"homeStack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.homeTopSpacer = QSpacerItem(0, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.homeTopSpacer)

        self.emptyTitle = QLabel(self.emptyPage)
        self.emptyTitle.setObjectName(u"emptyTitle")
        self.emptyTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyTitle.setProperty(u"cssClass", u"title")

        self.emptyLayout.addWidget(self.emptyTitle)

        self.emptyHint = QLabel(self.emptyPage)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyHint.setWordWrap(True)
        self.emptyHint.setProperty(u"cssClass", u"hint")

        self.emptyLayout.addWidget(self.emptyHint)

        self.emptyButtonLayout = QHBoxLayout()
        self.emptyButtonLayout.setObjectName(u"emptyButtonLayout")
        self.emptyButtonLeft = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.emptyButtonLayout.addItem(self.emptyButtonLeft)

        self.emptyNewButton = QPushButton(self.emptyPage)
        self.emptyNewButton.setObjectName(u"emptyNewButton")
        self.emptyNewButton.setProperty(u"cssClass", u"primary")

        self.emptyButtonLayout.addWidget(self.emptyNewButton)

        self.emptyButtonRight = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.emptyButtonLayout.addItem(self.emptyButtonRight)


        self.emptyLayout.addLayout(self.emptyButtonLayout)

        self.homeBottomSpacer = QSpacerItem(0, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.homeBottomSpacer)

        self.homeStack.addWidget(self.emptyPage)
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listPageLayout = QVBoxLayout(self.listPage)
        self.listPageLayout.setObjectName(u"listPageLayout")
        self.listPageLayout.setContentsMargins(0, 0, 0, 0)
        self.homeStack.addWidget(self.listPage)

        self.homeLayout.addWidget(self.homeStack)

        self.stack.addWidget(self.homePage)
        MainWindow.setCentralWidget(self.stack)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuAdmin = QMenu(self.menuBar)
        self.menuAdmin.setObjectName(u"menuAdmin")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menuBar)
        self.toolBar = QToolBar(MainWindow)
        self.toolBar.setObjectName(u"toolBar")
        self.toolBar.setMovable(False)
        self.toolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuAdmin.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewIncident)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionChangePassword)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionLock)
        self.menuFile.addAction(self.actionSignOut)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuAdmin.addAction(self.actionUsers)
        self.menuAdmin.addAction(self.actionSettings)
        self.menuAdmin.addAction(self.actionAudit)
        self.menuHelp.addAction(self.actionAbout)
        self.toolBar.addAction(self.actionNewIncident)
        self.toolBar.addSeparator()
        self.toolBar.addAction(self.actionLock)
        self.toolBar.addSeparator()
        self.toolBar.addAction(self.actionUsers)
        self.toolBar.addAction(self.actionAudit)
        self.toolBar.addAction(self.actionSettings)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow: Any) -> None:
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Opal Desktop", None))
        self.actionNewIncident.setText(QCoreApplication.translate("MainWindow", u"&New incident", None))
#if QT_CONFIG(tooltip)
        self.actionNewIncident.setToolTip(QCoreApplication.translate("MainWindow", u"Log a new incident (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionNewIncident.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionChangePassword.setText(QCoreApplication.translate("MainWindow", u"&Change my password\u2026", None))
        self.actionLock.setText(QCoreApplication.translate("MainWindow", u"&Lock", None))
#if QT_CONFIG(tooltip)
        self.actionLock.setToolTip(QCoreApplication.translate("MainWindow", u"Lock Opal Desktop now (Ctrl+L)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionLock.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+L", None))
#endif // QT_CONFIG(shortcut)
        self.actionSignOut.setText(QCoreApplication.translate("MainWindow", u"&Sign out", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionUsers.setText(QCoreApplication.translate("MainWindow", u"&Users\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionUsers.setToolTip(QCoreApplication.translate("MainWindow", u"Add, disable or reset users", None))
#endif // QT_CONFIG(tooltip)
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"&Settings\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionSettings.setToolTip(QCoreApplication.translate("MainWindow", u"Auto-lock, retention and the signing certificate", None))
#endif // QT_CONFIG(tooltip)
        self.actionAudit.setText(QCoreApplication.translate("MainWindow", u"&Audit trail\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionAudit.setToolTip(QCoreApplication.translate("MainWindow", u"Who did what, and when", None))
#endif // QT_CONFIG(tooltip)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About Opal Desktop", None))
        self.emptyTitle.setText(QCoreApplication.translate("MainWindow", u"No incidents logged yet.", None))
        self.emptyHint.setText(QCoreApplication.translate("MainWindow", u"Incidents logged at this store will be listed here, newest first.", None))
        self.emptyNewButton.setText(QCoreApplication.translate("MainWindow", u"Log a &new incident (Ctrl+N)", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuAdmin.setTitle(QCoreApplication.translate("MainWindow", u"&Admin", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        self.toolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
    # retranslateUi

