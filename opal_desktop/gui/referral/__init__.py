"""Referral readiness screens: the checklist, and the rules in use (settings)."""
