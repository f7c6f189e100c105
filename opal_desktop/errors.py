"""Errors a user can cause.

Each carries one sentence that says what happened and what to do. The CLI prints it on
stderr, the GUI shows it in a message; anything else that escapes is a bug.
"""


class UserError(Exception):
    """A problem the user can fix; `str(error)` is the sentence to show them."""

    exit_code = 2


class WrongPassword(UserError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"The password for {username!r} is not right. Check Caps Lock and try again."
        )


class UnknownUser(UserError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"There is no active user called {username!r} in this vault. "
            "Check the spelling, or ask an administrator to add you."
        )


class VaultNotFound(UserError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"No vault was found at {path}. Run the setup wizard, or `opal-desktop init`, "
            "or point --vault at an existing vault folder."
        )


class VaultExists(UserError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"A vault already exists at {path}. Choose an empty folder for a new vault."
        )


class VaultDamaged(UserError):
    """The key file or database cannot be read as a vault."""


# What SQLite and SQLCipher say when a page fails its check or does not parse
_DAMAGE_WORDS = ("database disk image is malformed", "file is not a database", "corrupt")


def damage_found(error: BaseException) -> VaultDamaged | None:
    """The sentence to show when a database error means the vault file is damaged (a page
    that fails SQLCipher's check, a cut-short file), else None. The damage may be the cause
    of what escaped (a write after it, while signing out, fails differently). Recognised by
    class name so this module stays free of the database layer (the GUI starts without it)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if _is_damage(cause):
            return VaultDamaged(
                "Part of the vault's database cannot be read: the file is damaged, so this "
                "could not be done. Restore the vault from its latest backup (opal-desktop "
                "restore), or ask your administrator."
            )
        cause = cause.__cause__ or cause.__context__
    return None


def _is_damage(error: BaseException) -> bool:
    database_error = any(
        kind.__name__ == "DatabaseError"
        and kind.__module__.startswith(("sqlcipher3", "sqlalchemy"))
        for kind in type(error).__mro__
    )
    return database_error and any(words in str(error) for words in _DAMAGE_WORDS)


class VaultInUse(UserError):
    """Another app instance holds the vault open."""


class VaultTooNew(UserError):
    def __init__(self, found: str) -> None:
        super().__init__(
            f"This vault was written by a newer version of Opal Desktop (schema {found}). "
            "Install the latest version to open it; nothing has been changed."
        )


class PermissionDenied(UserError):
    def __init__(self, what: str, role: str) -> None:
        super().__init__(
            f"Your role ({role}) does not allow you to {what}. Ask a manager or an administrator."
        )


class InvalidInput(UserError):
    """A value a user typed does not meet the rules; the message says which and why."""


class BadFile(UserError):
    """A file the user gave us cannot be used."""


class CannotWrite(UserError):
    """A folder the app must write to is on a full disk or is read-only (one sentence each)."""


class DiskFull(CannotWrite):
    pass


class FolderReadOnly(CannotWrite):
    pass


class RoleKeyMissing(UserError):
    """A manager or administrator whose key slot does not hold the role secret yet."""

    def __init__(self) -> None:
        super().__init__(
            "Your account does not hold the manager key yet, so it cannot sign for the "
            "organisation. Ask an administrator to reset your password (users reset) to hand "
            "it over, then sign in again."
        )


class ExportCancelled(InvalidInput):
    """The person cancelled an export; `finished` lists files already complete and recorded."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled. No package was written.")
        self.finished: list[object] = []
