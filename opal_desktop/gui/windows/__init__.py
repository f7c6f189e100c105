"""Top-level windows and dialogs, each composing a generated form."""
