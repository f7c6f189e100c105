"""Item models for the table views."""
