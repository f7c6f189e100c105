"""The linking screens: links in the incident editor, subjects, vehicles and series."""
