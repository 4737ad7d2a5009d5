"""Verify a certificate: choose a PDF, read a clear verdict and the reasons behind it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....services.certificates.verification import CertificateVerifier, Verdict
from ....services.errors import DatabaseProblem, UserError
from ... import file_dialogs
from ...widgets.text_label import text_label


class VerifyDialog(QDialog):
    """Pick a certificate PDF and see whether it is valid, and if not, why."""

    def __init__(self, verifier: CertificateVerifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verifier = verifier
        self.verdict: Verdict | None = None
        self.setWindowTitle("Verify a certificate")
        self.resize(640, 380)
        self.choose_button = QPushButton("Choose a PDF…")
        self.file_label = text_label("No file chosen.", wrap=True)
        self.headline = text_label(name="verifyHeadline", wrap=True)
        self.reasons = QListWidget()
        self.reasons.setObjectName("verifyReasons")
        self.reasons.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.file_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons, 1)
        layout.addWidget(buttons)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)

    def _on_choose_button_clicked(self) -> None:
        chosen, _ = file_dialogs.get_open_file_name(
            self, "Certificate to verify", str(Path.home()), "PDF files (*.pdf);;All files (*)"
        )
        if chosen:
            self.verify_file(Path(chosen))

    def verify_file(self, path: Path) -> Verdict | None:
        """Verify a file and show the verdict; None when it could not be read."""
        self.file_label.setText(str(path))
        self.reasons.clear()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            verdict = self._verifier.verify_file(path)
        except (UserError, DatabaseProblem) as problem:
            self.headline.setText("The file could not be verified.")
            self.headline.setStyleSheet("color: #b3261e; font-size: 16px; font-weight: 600;")
            self.reasons.addItem(str(problem))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.verdict = verdict
        if verdict.valid:
            self.headline.setText(
                f"Valid: certificate {verdict.number} of {verdict.legal_name}, signed by "
                f"{verdict.signer}, valid in the register."
            )
            self.headline.setStyleSheet("color: #1b7f3b; font-size: 16px; font-weight: 600;")
        else:
            self.headline.setText("Not valid. What is wrong:")
            self.headline.setStyleSheet("color: #b3261e; font-size: 16px; font-weight: 600;")
        for reason in verdict.problems:
            self.reasons.addItem(f"✗ {reason}")
        for note in verdict.notes:
            self.reasons.addItem(f"Note: {note}")
        return verdict
