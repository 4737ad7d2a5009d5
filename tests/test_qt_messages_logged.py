"""Qt's own warnings reach the application's log instead of an unread stderr."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from ptf_desktop.ui.application import install_qt_message_handler


def test_a_qt_warning_is_written_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    previous = install_qt_message_handler()
    try:
        with caplog.at_level(logging.DEBUG, logger="ptf_desktop.qt"):
            qWarning("QLayout: a made-up layout problem")
    finally:
        qInstallMessageHandler(previous)  # pytest-qt's own handler, which fails on warnings
    [record] = [r for r in caplog.records if r.name == "ptf_desktop.qt"]
    assert record.levelno == logging.WARNING
    assert "QLayout: a made-up layout problem" in record.getMessage()
