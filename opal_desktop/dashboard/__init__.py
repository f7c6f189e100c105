"""The dashboard's figures: one query module (queries.py) for the screen, the report and `stats`."""
