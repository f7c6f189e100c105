"""Benchmarks: `make bench`. Each figure is a ratio to a raw baseline measured in the same run."""
