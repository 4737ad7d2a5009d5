"""Reusable widgets of the interface."""
