"""Team sync, the database side shared by the laptops and the server.

``protocol``: versions, limits and how values travel as JSON; the laptop's change
capture (``capture``), outbox and applying pulled rows live here too.
"""
