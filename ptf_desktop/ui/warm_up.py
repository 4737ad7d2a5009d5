"""Loading, in the background, the libraries the first click will need.

The main window appears without SQLAlchemy or the register's services (start-up stays
close to a bare Qt window). Once it is idle, a background thread imports them, so the
first visit to the Organizations area does not pay ~300 ms of imports.
"""

from __future__ import annotations

import importlib
import logging
import threading

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 250
MODULES = (
    "ptf_desktop.services.register.organization_service",
    "ptf_desktop.services.register.organization_queries",
    "ptf_desktop.services.register.membership_service",
    "ptf_desktop.services.settings_service",
    "ptf_desktop.services.audit_service",
    "ptf_desktop.ui.pages.organizations.list_page",
    "ptf_desktop.ui.pages.settings_page",
)


def warm_up_soon() -> None:
    """Start importing the modules shortly after the event loop becomes idle."""
    QTimer.singleShot(WARM_UP_DELAY_MS, start_warm_up)


def start_warm_up() -> threading.Thread:
    """Import the modules in a daemon thread now; returns the thread (tests join it)."""
    thread = threading.Thread(target=_import_modules, name="warm-up", daemon=True)
    thread.start()
    return thread


def _import_modules() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # a failure shows again, with its dialog, when the page is opened
            log.exception("Warm-up could not import %s", name)
