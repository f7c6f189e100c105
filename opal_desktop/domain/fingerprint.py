"""How a certificate's SHA-256 fingerprint is shown to people."""

from __future__ import annotations


def colon_pairs(fingerprint: str) -> str:
    """'ab12…' -> 'AB:12:…': upper-case pairs, as certificate viewers and `openssl x509
    -fingerprint` show it, and as people read it out over the phone to check a sender."""
    fp = fingerprint.upper()
    return ":".join(fp[i : i + 2] for i in range(0, len(fp), 2))
