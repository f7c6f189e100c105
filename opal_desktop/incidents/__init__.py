"""Incidents: recording, finding, importing. No Qt here."""
