"""Offenders, vehicles and series: linking incidents across stores. No Qt here."""
