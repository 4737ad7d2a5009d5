"""Settings of certificates and signing: prefix, PKCS#12 file, passphrase, signature image.

The passphrase field only ever writes to the system keyring; it is never shown back
(the page says whether one is stored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....services.certificates.certificate_settings import CertificateSettingsService
from ....services.errors import DatabaseProblem, UserError
from ... import file_dialogs
from ...widgets.text_label import text_label


class SigningSettingsWidget(QWidget):
    """Form for the certificate prefix, the signing certificate and the signature image."""

    def __init__(self, service: CertificateSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signingSettings")
        self._service = service
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText("e.g. CERT")
        self.pkcs12_path = QLineEdit()
        self.pkcs12_path.setPlaceholderText("PKCS#12 file (.p12 or .pfx) that signs documents")
        self.browse_button = QPushButton("Choose…")
        self.create_button = QPushButton("Create a self-signed certificate for testing…")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_state = QLabel()
        self.passphrase_state.setWordWrap(True)
        self.sign_invoices = QCheckBox("Sign invoices too")
        self.image_preview = QLabel()
        self.image_preview.setFixedHeight(60)
        self.image_preview.setWordWrap(True)
        self.image_button = QPushButton("Choose a signature image…")
        self.remove_image_button = QPushButton("Remove")
        self.save_button = QPushButton("Save certificate settings")
        self.status = text_label(name="signingStatus", wrap=True)
        self._lay_out()
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.image_button.clicked.connect(self._on_image_clicked)
        self.remove_image_button.clicked.connect(self._on_remove_image_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.reload()

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.pkcs12_path, 1)
        file_row.addWidget(self.browse_button)
        image_row = QHBoxLayout()
        image_row.addWidget(self.image_preview, 1)
        image_row.addWidget(self.image_button)
        image_row.addWidget(self.remove_image_button)
        form = QFormLayout()
        # Long labels go above their field in a narrow window rather than widen it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Certificate number prefix", self.prefix)
        form.addRow("Signing certificate", file_row)
        form.addRow("", self.create_button)
        form.addRow("Passphrase (kept in the system keyring)", self.passphrase)
        form.addRow("", self.passphrase_state)
        form.addRow("", self.sign_invoices)
        form.addRow("Signature image", image_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def reload(self) -> None:
        """Show the stored settings."""
        try:
            settings = self._service.load()
            image = self._service.signature_image()
        except (UserError, DatabaseProblem) as problem:
            self.status.setText(str(problem))
            return
        self.prefix.setText(settings.certificate_prefix)
        self.pkcs12_path.setText(settings.signing_pkcs12_path)
        self.sign_invoices.setChecked(settings.sign_invoices)
        self.passphrase.clear()
        self.passphrase_state.setText(
            "A passphrase is stored in the system keyring."
            if settings.has_passphrase
            else "No passphrase is stored in the system keyring."
        )
        pixmap = QPixmap()
        if image is not None and pixmap.loadFromData(image):
            self.image_preview.setPixmap(pixmap.scaledToHeight(56))
        else:
            self.image_preview.setText("No signature image: certificates show a signature line.")
        self.remove_image_button.setEnabled(image is not None)

    def save(self) -> bool:
        """Store the form (the passphrase into the keyring); False with a message if refused."""
        try:
            if self.passphrase.text():
                self._service.set_passphrase(
                    self.passphrase.text(), self.pkcs12_path.text().strip() or None
                )
            self._service.save(
                certificate_prefix=self.prefix.text(),
                signing_pkcs12_path=self.pkcs12_path.text().strip(),
                sign_invoices=self.sign_invoices.isChecked(),
            )
        except (UserError, DatabaseProblem) as problem:
            self.status.setText(f"Not saved: {problem}")
            return False
        self.reload()
        self.status.setText("Saved.")
        return True

    def create_self_signed(self, path: Path, passphrase: str, signer: str) -> bool:
        """Create and choose a self-signed signing certificate."""
        try:
            self._service.create_self_signed(path, passphrase, signer)
        except (UserError, DatabaseProblem) as problem:
            self.status.setText(f"Not created: {problem}")
            return False
        self.reload()
        self.status.setText(
            f"Created {path}: a self-signed certificate for testing. PDF readers will not "
            "trust it until it is added to their trusted certificates."
        )
        return True

    def set_image(self, image: bytes | None) -> bool:
        """Store (or remove) the signature image."""
        try:
            self._service.set_signature_image(image)
        except (UserError, DatabaseProblem) as problem:
            self.status.setText(f"Not changed: {problem}")
            return False
        self.reload()
        self.status.setText("Signature image saved." if image else "Signature image removed.")
        return True

    def _on_browse_clicked(self) -> None:
        chosen, _ = file_dialogs.get_open_file_name(
            self, "Signing certificate", str(Path.home()), "PKCS#12 (*.p12 *.pfx);;All files (*)"
        )
        if chosen:
            self.pkcs12_path.setText(chosen)

    def _on_create_clicked(self) -> None:
        chosen, _ = file_dialogs.get_save_file_name(
            self, "Save the test certificate", str(Path.home() / "signing-test.p12"),
            "PKCS#12 (*.p12)",
        )  # fmt: skip
        if not chosen:
            return
        passphrase, ok = QInputDialog.getText(
            self, "Passphrase", "Passphrase for the new certificate:", QLineEdit.EchoMode.Password
        )
        if ok:
            self.create_self_signed(Path(chosen), passphrase, "")

    def _on_image_clicked(self) -> None:
        chosen, _ = file_dialogs.get_open_file_name(
            self, "Signature image", str(Path.home()), "Images (*.png *.jpg *.jpeg)"
        )
        if not chosen:
            return
        try:
            data = Path(chosen).read_bytes()
        except OSError as error:
            QMessageBox.warning(self, "Signature image", f"Cannot read {chosen}: {error}")
            return
        self.set_image(data)

    def _on_remove_image_clicked(self) -> None:
        self.set_image(None)

    def _on_save_clicked(self) -> None:
        self.save()
