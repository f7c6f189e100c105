"""Intelligence packages: list, editor, export, verify and import."""
