"""Opal Desktop: encrypted retail-crime incident vault and Opal intelligence packages."""

__version__ = "0.1.0"
APP_NAME = "Opal Desktop"
