"""Forms generated from ui/*.ui by build/compile_forms.py — do not edit."""
