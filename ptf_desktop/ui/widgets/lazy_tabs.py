"""Tabs built when first shown: a page with several tabs opens as fast as its first one.

Each lazy tab holds an empty placeholder until it is chosen (or its widget is asked
for); then the real widget is built and takes the placeholder's place, title and
position, so ``tabs.setCurrentWidget(widget)`` and ``tabs.indexOf(widget)`` work as
with a tab built up front.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """The lazy tabs of one tab widget, by name."""

    def __init__(self, tabs: QTabWidget) -> None:
        self._tabs = tabs
        self._pending: dict[str, tuple[QWidget, str, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}

    def add(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        """Add a tab whose widget ``build`` makes when the tab is first needed."""
        placeholder = QWidget()
        self._pending[name] = (placeholder, title, build)
        self._tabs.addTab(placeholder, title)

    def widget(self, name: str) -> QWidget:
        """The tab's widget, built now if needed; AttributeError for a tab never added."""
        if name in self._pending:
            self._build(name)
        try:
            return self._built[name]
        except KeyError:
            raise AttributeError(name) from None

    def build_at(self, index: int) -> None:
        """Build the tab at ``index`` if it is still a placeholder (it was just chosen)."""
        shown = self._tabs.widget(index)
        for name, (placeholder, _title, _build) in list(self._pending.items()):
            if placeholder is shown:
                self._build(name)

    def _build(self, name: str) -> None:
        placeholder, title, build = self._pending.pop(name)
        widget = build()
        index = self._tabs.indexOf(placeholder)
        was_current = self._tabs.currentIndex() == index
        # Swapping the widget is no change of tab for whoever listens.
        self._tabs.blockSignals(True)
        try:
            self._tabs.insertTab(index, widget, title)
            self._tabs.removeTab(index + 1)
            if was_current:
                self._tabs.setCurrentIndex(index)
        finally:
            self._tabs.blockSignals(False)
        placeholder.deleteLater()
        self._built[name] = widget
