"""The dashboard: the foundation's figures at a glance, each computed by SQL aggregates."""
