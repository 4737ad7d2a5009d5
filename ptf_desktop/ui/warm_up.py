"""Loading, in the background, what each area needs before a person opens it.

The main window appears without SQLAlchemy, the services or the pages (start-up stays
close to a bare Qt window). As soon as it is shown, one background thread imports what
each area needs, area by area, in the order a person is likely to click (:data:`ORDER`):
the services and libraries, the heavy part. The area's page modules follow on the GUI
thread, one area a turn of the event loop, because they create Qt's types as they load
(``on_gui_thread``). A click on an area that is not loaded yet moves it to the front of
the queues; the main window shows the area's name and "Opening…" at once and builds the
page when its modules are in, so the window never freezes on an import.

Once every area's libraries are in, the same thread runs the day's check when given one
(the membership statuses of the day, ``day_check``), waits until the window has reported
it (``day_checked``: a change announced there drops data read before it), and then reads
what the areas show first (``ui/area_data.py``, in the same order, skipping pages
already built), so that a later click shows an area's data without waiting for the
database.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from .area_data import READ_AHEAD, area_data

# Defined with the areas, so that the main window need not load this module to show.
from .pages import WARM_UP_DELAY_MS

if TYPE_CHECKING:
    from ..services.context import AppContext

    DayCheck = Callable[[AppContext], object]

log = logging.getLogger(__name__)

__all__ = ["AREA_MODULES", "ORDER", "WARM_UP_DELAY_MS", "WarmUp", "on_gui_thread"]

_PAGES = "ptf_desktop.ui.pages"
_SERVICES = "ptf_desktop.services"
_WINDOW_PACKAGE = "ptf_desktop.ui."

# What building each area's page imports: its page modules (imported on the GUI thread,
# see ``on_gui_thread``) and every service and library they load, imported first by the
# background thread (tests/test_warm_up.py checks that the GUI thread is left none).
# "module:function" also calls a function of the module, without arguments.
AREA_MODULES: dict[str, tuple[str, ...]] = {
    "dashboard": (
        f"{_PAGES}.dashboard.page",
        f"{_PAGES}.dashboard.charts",
        "ptf_desktop.ui.tasks",
        f"{_SERVICES}.dashboard.dashboard_service",
    ),
    "organizations": (
        f"{_PAGES}.organizations.list_page",
        f"{_SERVICES}.register.organization_queries",
        f"{_SERVICES}.register.organization_service",
        f"{_SERVICES}.register.matching",
        f"{_SERVICES}.register.merging",
    ),
    "contacts": (
        f"{_PAGES}.contacts.page",
        f"{_SERVICES}.register.contact_directory",
        f"{_SERVICES}.register.organization_records",
        f"{_SERVICES}.register.organization_summary",
        f"{_SERVICES}.register.organization_queries",
        f"{_SERVICES}.register.global_search",
    ),
    "renewals": (
        f"{_PAGES}.renewals.page",
        f"{_SERVICES}.renewals.renewal_service",
        f"{_SERVICES}.renewals.renewal_preparation",
        f"{_SERVICES}.renewals.fee_service",
        f"{_SERVICES}.settings_service",
        f"{_SERVICES}.renewals.reminder_state",
        f"{_SERVICES}.atomic_files",
        f"{_SERVICES}.certificates.certificate_settings",
        f"{_SERVICES}.certificates.email_draft",
        f"{_SERVICES}.certificates.letters_service",
        f"{_SERVICES}.certificates.verification_keys",
    ),
    "invoices": (
        f"{_PAGES}.billing.invoices_page",
        f"{_SERVICES}.billing.invoice_service",
        f"{_SERVICES}.billing.credit_note_service",
        f"{_SERVICES}.billing.payment_service",
        f"{_SERVICES}.billing.receivables",
        f"{_SERVICES}.billing.invoice_export",
        f"{_SERVICES}.billing.pdf_renderer",
        f"{_SERVICES}.certificates.invoice_signing",
        f"{_SERVICES}.billing.credit_service",
        f"{_SERVICES}.billing.folder_export",
        f"{_SERVICES}.billing.quote_lines",
        f"{_SERVICES}.billing.quote_service",
        f"{_SERVICES}.billing.statement_service",
        f"{_SERVICES}.certificates.email_draft",
        f"{_SERVICES}.register.global_search",
        f"{_SERVICES}.register.organization_queries",
    ),
    "quotes": (
        f"{_PAGES}.billing.quotes_page",
        f"{_SERVICES}.billing.quote_service",
        f"{_SERVICES}.billing.pdf_renderer",
        f"{_SERVICES}.certificates.invoice_signing",
        f"{_SERVICES}.billing.bulk_drafts",
        f"{_SERVICES}.billing.fee_confirmation",
        f"{_SERVICES}.billing.invoice_filters",
        f"{_SERVICES}.billing.invoice_service",
        f"{_SERVICES}.billing.invoice_tier",
        f"{_SERVICES}.billing.issue_checks",
        f"{_SERVICES}.billing.quote_lines",
        f"{_SERVICES}.certificates.email_draft",
        f"{_SERVICES}.register.global_search",
        f"{_SERVICES}.register.organization_queries",
    ),
    "certificates": (
        f"{_PAGES}.certificates.certificates_page",
        f"{_SERVICES}.certificates.certificate_service",
        f"{_SERVICES}.certificates.certificate_batch",
        f"{_SERVICES}.certificates.verification",
        f"{_SERVICES}.certificates.certificate_settings",
    ),
    "settings": (
        f"{_PAGES}.settings_page",
        f"{_PAGES}.fee_schedules_tab",
        f"{_PAGES}.tax_settings_tab",
        f"{_PAGES}.certificates.signing_settings",
        # The country and currency lists of the form (pycountry reads its databases).
        "ptf_desktop.domain.iso_choices:country_choices",
        "ptf_desktop.domain.iso_choices:currency_choices",
        f"{_SERVICES}.audit_service",
        f"{_SERVICES}.billing.document_settings_service",
        f"{_SERVICES}.certificates.certificate_settings",
        f"{_SERVICES}.billing.fee_confirmation",
        f"{_SERVICES}.billing.invoice_records",
        f"{_SERVICES}.billing.records",
        f"{_SERVICES}.live_rows",
        f"{_SERVICES}.register.board_seats",
        f"{_SERVICES}.register.membership_service",
        f"{_SERVICES}.register.organization_records",
        f"{_SERVICES}.register.organization_service",
        f"{_SERVICES}.register.organization_summary",
        f"{_SERVICES}.register.printable_names",
        f"{_SERVICES}.register.tier_terms",
        f"{_SERVICES}.renewals.fee_rows",
        f"{_SERVICES}.renewals.fee_service",
        f"{_SERVICES}.settings_service",
        # Checking tax IDs and bank numbers, as the forms and imports do: not needed to show
        # any list, so loaded last (python-stdnum loads ssl and pydoc, about 55 ms).
        "stdnum.eu.vat",
        "stdnum.iban",
        "stdnum.bic",
        "stdnum.us.rtn",
        # The signing settings read the passphrase's keyring entry when shown: finding the
        # keyring's backend takes half a second.
        "keyring:get_keyring",
    ),
}

# Qt's binding modules the pages use beyond QtCore, QtGui and QtWidgets. They are imported
# on the GUI thread as the warm-up starts (about 8 ms): PySide6 builds a binding's types
# and enums as it loads it, and doing that on the warm-up's thread while the window ran
# Python code crashed the process (seen with QtCharts, once in some sixteen starts).
QT_BINDINGS = (
    "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
)  # fmt: skip

# The order a person is likely to click in: the register first, then the day's renewals
# and billing; settings last.
ORDER = (
    "dashboard", "organizations", "renewals", "invoices", "quotes", "certificates", "contacts",
    "settings",
)  # fmt: skip


def on_gui_thread(name: str) -> bool:
    """Whether an entry of AREA_MODULES is imported on the GUI thread.

    The window's own modules (``ptf_desktop.ui``) create Qt's binding types and enums as
    they load. PySide6 creates those lazily and not safely from two threads at once: a
    page module loading on the warm-up's thread while a click created an enum on the GUI
    thread crashed the process (about one start in twenty-five, clicking at once under
    load). Everything else (services, persistence, libraries) uses no Qt, which the
    import contracts in ``pyproject.toml`` keep so.
    """
    return name.startswith(_WINDOW_PACKAGE)


class WarmUp(QObject):
    """Imports each area's modules in the background, most likely click first.

    A background thread imports each area's libraries (the heavy part); the GUI thread
    then imports its page modules, one area a turn of the event loop (``on_gui_thread``).

    Signals:
        area_loaded(str): the key of an area whose modules are all imported (also when
            an import failed: the page then shows the failure when it is built).
        day_checked(object): what ``day_check`` returned; the thread reads ahead once
            the slots connected to it have run.
        finished(): every area is loaded, and what the areas show first is read.

    ``parent`` is the window whose areas are warmed: its ``context`` (the open database)
    is read ahead for the areas it has not built yet (its ``built_page``); without a
    context only the libraries are loaded.
    """

    area_loaded = Signal(str)
    day_checked = Signal(object)
    finished = Signal()
    # From the background thread to this object, on the GUI thread.
    _libraries_loaded = Signal()
    _day_check_done = Signal(object)
    _thread_done = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        order: Iterable[str] = ORDER,
        import_module: Callable[[str], object] = importlib.import_module,
        context: AppContext | None = None,
        day_check: DayCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self._day_check = day_check
        self._day_reported = threading.Event()
        self._context = context if context is not None else getattr(parent, "context", None)
        self._built: Callable[[str], object] = getattr(parent, "built_page", lambda _key: None)
        self._order = tuple(order)
        self._pending = list(self._order)  # libraries not imported yet (the thread's queue)
        self._pages_pending: list[str] = []  # libraries in, page modules not yet
        self._loaded: set[str] = set()
        self._lock = threading.Lock()
        self._import_module = import_module
        self._stopped = threading.Event()
        self._thread_finished = False
        # Made here, on the GUI thread: it listens to the change hub from there.
        self._data = area_data()
        self._libraries_loaded.connect(self._on_libraries_loaded)
        self._day_check_done.connect(self._on_day_check_done)
        self._thread_done.connect(self._on_thread_done)
        self.worker: threading.Thread | None = None

    def start(self) -> threading.Thread:
        """Start the background thread and return it (tests join it).

        Qt's binding modules are imported first, here on the GUI thread (``QT_BINDINGS``).
        """
        for name in QT_BINDINGS:
            importlib.import_module(name)
        self.worker = threading.Thread(target=self._run, name="warm-up", daemon=True)
        self.worker.start()
        return self.worker

    def stop(self) -> None:
        """Stop between two modules and wait for that (the window is closing).

        An interpreter that exits while a thread is still importing can crash.
        """
        self._stopped.set()
        if self.worker is not None:
            self.worker.join()

    def is_loaded(self, key: str) -> bool:
        """Whether the area's modules are imported (areas not queued count as loaded)."""
        with self._lock:
            queued = key in self._pending or key in self._pages_pending
            return key in self._loaded or not queued

    def prefer(self, key: str) -> None:
        """Load this area next (a person just clicked it)."""
        with self._lock:
            for queue in (self._pending, self._pages_pending):
                if key in queue:
                    queue.remove(key)
                    queue.insert(0, key)

    # -- the background thread ------------------------------------------------------------

    def _run(self) -> None:
        self._load_libraries()
        if self._context is not None and self._check_day(self._context):
            self._read_ahead(self._context)
        self._emit(self._thread_done)

    def _check_day(self, context: AppContext) -> bool:
        """Run the day's check and wait until the window has reported it; False: stopped."""
        if self._day_check is None or self._stopped.is_set():
            return not self._stopped.is_set()
        try:
            outcome = self._day_check(context)
        except Exception:  # the areas are read all the same
            log.exception("The day's check failed")
            return True
        self._emit(self._day_check_done, outcome)
        while not self._day_reported.wait(0.05):  # the window may close meanwhile
            if self._stopped.is_set():
                return False
        return True

    def _load_libraries(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    break
                key = self._pending[0]
            for name in AREA_MODULES.get(key, ()):
                if self._stopped.is_set():
                    return
                if not on_gui_thread(name):
                    self._load(name)
            with self._lock:  # in one step: the area is never in neither queue
                self._pending.remove(key)
                self._pages_pending.append(key)
            self._emit(self._libraries_loaded)

    def _read_ahead(self, context: AppContext) -> None:
        """Read what each area shows first, for the pages not built yet, in click order."""
        for key in self._order:
            read = READ_AHEAD.get(key)
            if read is None or self._built(key) is not None:
                continue
            if self._stopped.is_set() or not context.is_open():
                return
            generation = self._data.generation(key)
            try:
                value = read(context)
            except Exception:  # the page reads again when built, and shows the problem
                log.exception("Warm-up could not read ahead for %s", key)
                continue
            self._data.put(context, key, generation, value)

    # -- the GUI thread ---------------------------------------------------------------------

    def _on_libraries_loaded(self) -> None:
        QTimer.singleShot(0, self, self._load_next_pages)

    def _load_next_pages(self) -> None:
        """Import the page modules of the first area waiting for them (one area a turn)."""
        with self._lock:
            if not self._pages_pending or self._stopped.is_set():
                return
            key = self._pages_pending[0]
        for name in AREA_MODULES.get(key, ()):
            if on_gui_thread(name):
                self._load(name)
        with self._lock:
            self._pages_pending.remove(key)
            self._loaded.add(key)
        self.area_loaded.emit(key)
        self._finish_if_done()

    def _on_day_check_done(self, outcome: object) -> None:
        try:
            self.day_checked.emit(outcome)
        finally:
            self._day_reported.set()

    def _on_thread_done(self) -> None:
        self._thread_finished = True
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        with self._lock:
            done = self._thread_finished and not self._pages_pending and not self._pending
        if done and not self._stopped.is_set():
            self.finished.emit()

    # -- both -----------------------------------------------------------------------------

    def _load(self, name: str) -> None:
        module_name, _, function = name.partition(":")
        try:
            module = self._import_module(module_name)
            if function:
                getattr(module, function)()
        except Exception:  # shown again, with its dialog, when the page is built
            log.exception("Warm-up could not load %s", name)

    @staticmethod
    def _emit(signal: object, *arguments: object) -> None:
        try:
            signal.emit(*arguments)  # type: ignore[attr-defined]
        except RuntimeError:
            pass  # the window was closed meanwhile: nobody is left to tell
