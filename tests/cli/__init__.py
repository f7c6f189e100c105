"""Tests of the headless command line and backup/restore."""
