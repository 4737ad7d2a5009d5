"""ptf_desktop: the PyTorch Foundation's member-relations desktop application."""

__version__ = "0.1.0"
APP_NAME = "PTF Desktop"
APP_ID = "ptf-desktop"
ORGANIZATION = "PyTorch Foundation"
