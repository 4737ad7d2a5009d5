"""The team server: PostgreSQL behind a small HTTP sync service (``ptf-server``).

Laptops push their changes and pull everyone else's through it; they never hold database
credentials. The server uses the laptops' models and migrations (the schema is one) plus
its own tables: the change log, applied batches, conflicts and devices. It keeps no
state between requests, so several instances can share one PostgreSQL database.
"""
