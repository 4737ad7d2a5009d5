"""The contacts directory area."""
