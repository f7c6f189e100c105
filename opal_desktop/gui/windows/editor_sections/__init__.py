"""The incident editor, one section per part of the record."""
