"""File > Join team…: the server's address, the enrolment code and this device's name.

Joining runs in the background; the dialog then says in plain words what happened:
this database seeded the server, or it received N records, or why it could not join.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.context import AppContext
from ..tasks import start_task

JOIN_STYLE = """
QLabel#joinOutcome { padding: 8px; border-radius: 4px; }
QLabel#joinOutcome[kind="ok"] { background: #e6f4ea; color: #1b5e20; }
QLabel#joinOutcome[kind="refused"] { background: #fdecea; color: #611a15; }
QLabel#joinOutcome[kind="working"] { background: #e8f0fe; color: #0d47a1; }
"""


class JoinTeamDialog(QDialog):
    """Enrol this database with a team server.

    Signals:
        joined(object): the TeamSync service of the joined database.
    """

    joined = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinTeamDialog")
        self.setWindowTitle("Join team")
        self.setStyleSheet(JOIN_STYLE)
        self.setMinimumWidth(520)
        self._context = context
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://sync.example.org:8443")
        self.code = QLineEdit()
        self.code.setPlaceholderText("the one-time code from the office manager")
        self.device = QLineEdit(_device_name())
        intro = QLabel(
            "Join the team server to share this register. The office manager gives you the "
            "server's address and a one-time enrolment code (ptf-server devices add)."
        )
        intro.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("joinOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = QPushButton("Join")
        self.join_button.setDefault(True)
        self.buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.join_button.clicked.connect(self._on_join_button_clicked)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Server address:", self.address)
        form.addRow("Enrolment code:", self.code)
        form.addRow("Device name:", self.device)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

    def _on_join_button_clicked(self) -> None:
        address, code, device = self.address.text(), self.code.text(), self.device.text()
        context = self._context
        self._say("working", "Joining the team… (the first sync may take a while)")
        self.join_button.setEnabled(False)

        def join(_progress: object) -> object:
            from ...services.sync.team import TeamSync

            team = TeamSync(context.factories, context.path)
            return team, team.join(address, code, device)

        start_task(join, self._on_joined, self._on_refused)

    def _on_joined(self, result: tuple[object, object]) -> None:
        team, outcome = result
        self._say("ok", outcome.message)  # type: ignore[attr-defined]
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.joined.emit(team)

    def _on_refused(self, message: str) -> None:
        self._say("refused", f"Could not join: {message}")
        self.join_button.setEnabled(True)

    def _say(self, kind: str, message: str) -> None:
        self.outcome.setText(message)
        self.outcome.setProperty("kind", kind)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.show()
        self.adjustSize()  # a wrapped message of several lines gets its height


def _device_name() -> str:
    import socket

    return socket.gethostname() or "Laptop"
