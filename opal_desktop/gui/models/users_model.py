"""The users table: one row per account, read-only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from opal_desktop.gui.formatting import local_time

if TYPE_CHECKING:
    from opal_desktop.vault.users import UserInfo

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a table has no children
HEADERS = ("Name", "Username", "Role", "Store", "Status", "Last sign-in")
USER_ROLE = Qt.ItemDataRole.UserRole


class UsersTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._users: list[UserInfo] = []

    def set_users(self, users: Sequence[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, username: str) -> int:
        return next((i for i, u in enumerate(self._users) if u.username == username), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        user = self.user_at(index.row()) if index.isValid() else None
        if user is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(user, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QColor("#6b6b6b")
        if role == USER_ROLE:
            return user.username
        return None


def _cell(user: UserInfo, column: int) -> str:
    if column == 0:
        return user.display_name
    if column == 1:
        return user.username
    if column == 2:
        return user.role.label
    if column == 3:
        return user.store_code
    if column == 4:
        if not user.active:
            return "Disabled"
        return "Active · temporary password" if user.must_change_password else "Active"
    return local_time(user.last_sign_in_at)
