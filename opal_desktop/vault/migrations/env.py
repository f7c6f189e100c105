"""Alembic environment: always handed the app's keyed connection, never a URL."""

from alembic import context

from opal_desktop.vault.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
