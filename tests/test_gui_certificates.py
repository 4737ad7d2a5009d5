"""The Certificates page as a person uses it: register, issue, revoke, verify, batches."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from ptf_desktop.persistence.models import DocumentSeries
from ptf_desktop.ui.pages.certificates import certificates_page
from ptf_desktop.ui.pages.certificates.certificates_page import CertificatesPage

from conftest import click_button, when_modal_dialog_opens
from helpers.certificates import add_member, configure_signatory, enable_signing

THIS_YEAR = date.today().year


def page_of(main_window: Any, qtbot: Any) -> CertificatesPage:
    """The Certificates page with its register read (it reads in a worker)."""
    page = main_window.page("certificates")
    assert isinstance(page, CertificatesPage)
    read(qtbot, page)
    return page


def read(qtbot: Any, page: CertificatesPage) -> None:
    """Wait until the register's read is shown."""
    qtbot.waitUntil(lambda: not page.busy(), timeout=10_000)


def cell(page: CertificatesPage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


@pytest.fixture
def members(context: Any) -> list[str]:
    configure_signatory(context)
    names = ["AT&T <Holding> Inc.", "株式会社テスト", "شركة أرامكو السعودية"]
    for name in names:
        add_member(context, name, start=date(THIS_YEAR, 1, 1))
    return names


def test_the_page_says_it_is_reading_and_offers_no_action_meanwhile(
    qtbot: Any, main_window: Any, members: list[str], context: Any
) -> None:
    context.certificate_batch.issue_year(THIS_YEAR)
    page = main_window.page("certificates")
    assert page.busy() and page.message.text() == "Reading the certificate register…"
    assert not any(page.buttons[name].isEnabled() for name in ("Re-issue", "Revoke…", "Open"))
    read(qtbot, page)
    assert page.model.rowCount() == 3 and page.message.text() == ""


def test_sorting_by_number_puts_ten_thousand_after_9999(
    qtbot: Any, main_window: Any, members: list[str], context: Any
) -> None:
    with context.factories.write.begin() as session:  # 9,998 certificates this year so far
        session.add(
            DocumentSeries(id=uuid.uuid4(), series_key=f"CERT-{THIS_YEAR}", last_number=9998)
        )
    context.certificate_batch.issue_year(THIS_YEAR)
    page = page_of(main_window, qtbot)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the header, clicked
    numbers = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    assert numbers == [f"CERT-{THIS_YEAR}-{n}" for n in ("9999", "10000", "10001")]


def test_issue_from_the_dialog_shows_the_certificate_in_the_register(
    qtbot: Any, main_window: Any, members: list[str]
) -> None:
    page = page_of(main_window, qtbot)
    assert page.model.rowCount() == 0

    def choose(dialog: Any) -> None:
        dialog.select_organization("株式会社テスト")
        assert dialog.issue_button.isEnabled()
        click_button(dialog, "Issue")

    when_modal_dialog_opens(qtbot, choose)
    page.buttons["Issue…"].click()
    assert "Issued certificate" in page.message.text()  # said at once, the row follows
    read(qtbot, page)
    assert page.model.rowCount() == 1
    assert cell(page, 0, 0) == f"CERT-{THIS_YEAR}-0001"
    assert cell(page, 0, 1) == "株式会社テスト" and cell(page, 0, 5) == "valid"
    assert "Issued certificate" in page.message.text()
    assert page.selected() is not None and page.buttons["Re-issue"].isEnabled()


def test_the_issue_dialog_says_why_a_term_cannot_be_certified(
    qtbot: Any, main_window: Any, members: list[str], context: Any
) -> None:
    page = page_of(main_window, qtbot)
    _, term = add_member(context, "Finished Ltd.", start=date(THIS_YEAR - 1, 1, 1))
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        dialog.year.setValue(THIS_YEAR - 1)
        dialog.select_organization("Finished Ltd.")
        seen["enabled"] = dialog.issue_button.isEnabled()
        seen["reason"] = dialog.reason.text()
        dialog.reject()

    when_modal_dialog_opens(qtbot, look)
    page.buttons["Issue…"].click()
    assert seen == {"enabled": False, "reason": f"Term ended on {THIS_YEAR - 1}-12-31"}
    assert page.model.rowCount() == 0


def test_revoke_asks_for_a_reason_and_the_filter_shows_revoked_ones(
    qtbot: Any, main_window: Any, members: list[str], context: Any, monkeypatch: Any
) -> None:
    context.certificate_batch.issue_year(THIS_YEAR)
    page = page_of(main_window, qtbot)
    page.refresh()
    read(qtbot, page)
    assert page.model.rowCount() == 3
    page.table.selectRow(0)
    number = page.selected().number  # type: ignore[union-attr]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    when_modal_dialog_opens(qtbot, lambda box: click_button(box, "OK"))
    page.buttons["Revoke…"].click()  # an empty reason is refused with a message box
    assert context.certificates.list("revoked") == []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Left the foundation", True))
    page.table.selectRow(0)
    page.buttons["Revoke…"].click()
    page.status_filter.setCurrentIndex(3)  # Revoked
    read(qtbot, page)
    assert page.model.rowCount() == 1 and cell(page, 0, 0) == number
    assert cell(page, 0, 7).endswith(": Left the foundation")
    page.table.selectRow(0)
    assert not page.buttons["Revoke…"].isEnabled() and not page.buttons["Re-issue"].isEnabled()


def test_reissue_supersedes_the_selected_certificate(
    qtbot: Any, main_window: Any, members: list[str], context: Any
) -> None:
    context.certificate_batch.issue_year(THIS_YEAR)
    page = page_of(main_window, qtbot)
    page.refresh()
    read(qtbot, page)
    page.select_number(f"CERT-{THIS_YEAR}-0001")
    when_modal_dialog_opens(qtbot, lambda box: click_button(box, "Cancel"))
    page.buttons["Re-issue"].click()  # numbered and permanent: asked first
    assert page.selected().number == f"CERT-{THIS_YEAR}-0001"  # type: ignore[union-attr]
    when_modal_dialog_opens(qtbot, lambda box: click_button(box, "Re-issue"))
    page.buttons["Re-issue"].click()
    read(qtbot, page)
    assert page.selected().number == f"CERT-{THIS_YEAR}-0004"  # type: ignore[union-attr]
    page.status_filter.setCurrentIndex(2)  # Superseded
    read(qtbot, page)
    assert cell(page, 0, 7) == f"Superseded by CERT-{THIS_YEAR}-0004"


def test_save_and_open_write_the_stored_pdf(
    qtbot: Any, main_window: Any, members: list[str], context: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    context.certificate_batch.issue_year(THIS_YEAR)
    page = page_of(main_window, qtbot)
    page.refresh()
    read(qtbot, page)
    page.table.selectRow(0)
    record = page.selected()
    assert record is not None
    saved = page.save_selected(tmp_path / "copy.pdf")
    assert saved is not None and saved.read_bytes() == context.certificates.pdf(record.id)
    opened: list[Path] = []
    monkeypatch.setattr(certificates_page, "open_file", lambda p: opened.append(p) or True)
    page.buttons["Open"].click()
    assert opened and opened[0].read_bytes() == saved.read_bytes()


def test_verify_dialog_gives_a_verdict_with_reasons(
    qtbot: Any, main_window: Any, members: list[str], context: Any, tmp_path: Path,
    memory_keyring: object,
) -> None:  # fmt: skip
    from ptf_desktop.ui.pages.certificates.verify_dialog import VerifyDialog

    enable_signing(context, tmp_path)
    context.certificate_batch.issue_year(THIS_YEAR)
    record = context.certificates.list()[0]
    good = context.certificates.save_pdf(record.id, tmp_path / "good.pdf")
    dialog = VerifyDialog(context.certificate_verifier)
    qtbot.addWidget(dialog)
    verdict = dialog.verify_file(good)
    assert verdict is not None and verdict.valid
    assert dialog.headline.text().startswith(f"Valid: certificate {record.number}")
    data = good.read_bytes()
    index = data.index(b"/MediaBox")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data[:index] + b"/MediaBoy" + data[index + 9 :])
    dialog.verify_file(bad)
    assert dialog.headline.text() == "Not valid. What is wrong:"
    reasons = [dialog.reasons.item(i).text() for i in range(dialog.reasons.count())]
    assert any("signature" in r.lower() for r in reasons), reasons
    dialog.grab().save(str(tmp_path / "verify.png"))


def test_year_batch_runs_in_a_thread_with_progress(
    qtbot: Any, main_window: Any, members: list[str], tmp_path: Path
) -> None:
    page = page_of(main_window, qtbot)
    run = page.run_year_batch(THIS_YEAR, tmp_path / "out", as_zip=True)
    assert run.dialog.isVisible()
    qtbot.waitUntil(lambda: run.result is not None, timeout=60_000)
    assert not run.running()
    assert (tmp_path / "out" / f"Certificates {THIS_YEAR}.zip").is_file()
    read(qtbot, page)
    assert page.model.rowCount() == 3
    assert page.message.text() == "3 certificate(s) issued, 1 file(s) written."


def test_year_batch_cancel_stops_between_certificates(
    qtbot: Any, main_window: Any, members: list[str], tmp_path: Path
) -> None:
    page = page_of(main_window, qtbot)
    run = page.run_year_batch(THIS_YEAR, tmp_path / "out", as_zip=False)
    click_button(run.dialog, "Cancel")  # as a person would
    qtbot.waitUntil(lambda: run.result is not None, timeout=60_000)
    assert page.message.text().startswith("Stopped: ")
    assert len(list((tmp_path / "out").glob("*.pdf"))) < 3


def test_letters_from_the_register(
    qtbot: Any, main_window: Any, members: list[str], context: Any, tmp_path: Path
) -> None:
    context.certificate_batch.issue_year(THIS_YEAR)
    page = page_of(main_window, qtbot)
    page.refresh()
    read(qtbot, page)
    page.table.selectRow(0)
    organization = page.selected().organization_id  # type: ignore[union-attr]
    context.organizations.add_contact(
        organization, {"name": "Ada", "email": "ada@example.com", "roles": ["primary"]}
    )
    written = page.save_letter("welcome", tmp_path)
    assert [p.suffix for p in written] == [".pdf", ".eml"]
    assert "Wrote " in page.message.text()


def test_settings_tab_creates_a_test_certificate_and_keeps_the_passphrase_out(
    main_window: Any, context: Any, tmp_path: Path, memory_keyring: object
) -> None:
    settings = main_window.page("settings")
    signing = settings.signing
    assert "No passphrase is stored" in signing.passphrase_state.text()
    assert signing.create_self_signed(tmp_path / "test.p12", "s3cret pass", "Ada")
    assert signing.pkcs12_path.text() == str(tmp_path / "test.p12")
    assert "A passphrase is stored" in signing.passphrase_state.text()
    assert signing.passphrase.text() == ""
    signing.prefix.setText("bad prefix!")
    assert not signing.save()
    assert "certificate prefix" in signing.status.text()
    assert context.certificate_settings.load().certificate_prefix == "CERT"
    assert not signing.set_image(b"GIF89a")
    assert "PNG or JPEG" in signing.status.text()
    signing.prefix.setText("MC")
    assert signing.save()
    assert context.certificate_settings.load().certificate_prefix == "MC"
    settings.tabs.setCurrentWidget(signing)
    settings.grab().save(str(tmp_path / "settings.png"))
