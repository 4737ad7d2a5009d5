"""Exports for the foundation's website and marketing: the members landscape."""
