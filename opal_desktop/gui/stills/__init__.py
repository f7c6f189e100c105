"""CCTV stills on an incident: the strip, the grid, the viewer and the redaction tool.

Every vault read and write, and every full-size decode, runs on the TaskRunner's worker
(see work.py); the widgets here only show what comes back.
"""
