"""The ``ptf`` command: the application's services without a window."""
