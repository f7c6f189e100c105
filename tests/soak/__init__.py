"""Soak runs: the real windows driven for a long time (`make soak`)."""
