"""A dialog that checks in a worker, shows what it found, then does the work when asked.

Importing a CSV file and preparing a year's renewals are both this: a headline over a
progress bar, what the check found, an action button and Cancel. The check and the work
each run in a worker (``tasks``), so the window stays responsive. The work is one
transaction that completes or not at all: while it runs Cancel is disabled, and the
dialog never closes before its worker has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QWidget

from ..tasks import Task, Work, run_task
from ..widgets.text_label import text_label


class CheckThenRunDialog(QDialog):
    """The headline, progress bar, action button and Cancel, and the worker behind them.

    Subclasses lay the widgets out with what they show, start the check with
    ``_start_check`` and show its result in ``_show_check``, and start the work with
    ``_start_work`` from ``_on_buttons_accepted``; ``_work_done`` says whether it was done.

    Signals:
        checked(object): the check's result is shown.
        completed(object): the work's result; the dialog then accepts.

    Attributes:
        headline: says what is being done, what was found, or why nothing was done.
        action_button: does the work; enabled by the subclass once the check allows it.
    """

    checked = Signal(object)
    completed = Signal(object)

    def __init__(
        self,
        title: str,
        action_text: str,
        headline: str,
        failure: str,
        parent: QWidget | None = None,
    ) -> None:
        """Build the parts the subclass lays out.

        Args:
            title: the dialog's title.
            action_text: the action button's text ("Import", "Prepare 2027").
            headline: what the headline says while the check runs.
            failure: what it says, above the reason, when the check or the work failed.
            parent: the window the dialog belongs to.
        """
        super().__init__(parent)
        self.setWindowTitle(title)
        self._failure = failure
        self._task: Task | None = None
        self.headline = text_label(headline, wrap=True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a check has no steps to count
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = self.buttons.addButton(
            action_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.action_button.setEnabled(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def busy(self) -> bool:
        """Whether a check or the work runs (or its outcome is on its way)."""
        return self._task is not None and self._task.pending()

    def _run(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        committing: bool = False,
        steps: int = 0,
    ) -> None:
        """Run ``work`` in a worker and hand its result to ``on_done``.

        Args:
            work: the check or the work (it may report progress).
            on_done: called on the GUI thread with the result, once the dialog is idle.
            committing: the work itself: Cancel is disabled until it has ended.
            steps: how many steps the progress bar counts (0: it only shows it is busy).
        """
        self.progress.setRange(0, steps)
        self.progress.setValue(0)
        self.progress.show()
        self.action_button.setEnabled(False)
        if committing:
            self.cancel_button.setEnabled(False)
        self._task = run_task(work)
        self._task.finished.connect(self._on_task_finished)  # first: on_done sees it idle
        self._task.progressed.connect(self._on_task_progressed)
        self._task.succeeded.connect(on_done)
        self._task.failed.connect(self._on_task_failed)

    def _start_check(self, work: Work) -> None:
        """Run the check in a worker; its result goes to ``_show_check``."""
        self._run(work, self._on_check_done)

    def _show_check(self, result: Any) -> None:
        """Show what the check found (and enable the action if it allows the work)."""
        raise NotImplementedError

    def _on_check_done(self, result: Any) -> None:
        self._show_check(result)
        self.checked.emit(result)

    def _on_buttons_accepted(self) -> None:
        raise NotImplementedError  # the subclass starts the work with _start_work

    def _start_work(self, work: Work, steps: int = 0) -> None:
        """Run the work in a worker (Cancel disabled); its result goes to ``_work_done``."""
        self._run(work, self._on_work_done, committing=True, steps=steps)

    def _work_done(self, result: Any) -> bool:
        """Take the work's result; False when it was not done after all (the dialog stays)."""
        return True

    def _on_work_done(self, result: Any) -> None:
        if self._work_done(result):
            self.completed.emit(result)
            self.accept()

    def _on_task_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(True)

    def _on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_task_failed(self, message: str) -> None:
        self.headline.setText(f"{self._failure}\n\n{message}")
        self.action_button.setEnabled(False)

    def reject(self) -> None:
        if self.busy() and not self.cancel_button.isEnabled():
            return  # the work runs: closing now would not stop it
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.wait()  # the call must not outlive the dialog
        super().done(result)
