"""The data and log folders: the quick answer on Linux is the one platformdirs gives."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from ptf_desktop import APP_ID
from ptf_desktop.paths import linux_user_dirs, resolve_paths

VARIABLES = ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "ANDROID_DATA", "ANDROID_ROOT")

# Each environment, and whether the quick answer is given (else platformdirs decides).
ENVIRONMENTS = [
    ({"HOME": "/home/ana"}, True),
    ({"HOME": "/home/ana/"}, True),
    ({"HOME": "/"}, True),
    ({"HOME": "/home/José Ñúñez"}, True),
    ({"HOME": "/home/ana", "XDG_DATA_HOME": "/data/x", "XDG_STATE_HOME": "/state/y/"}, True),
    ({"HOME": "/home/ana", "XDG_DATA_HOME": "", "XDG_STATE_HOME": ""}, True),
    ({"HOME": "/home/ana", "XDG_DATA_HOME": "relative/data"}, False),
    ({"HOME": "/home/ana", "XDG_STATE_HOME": "  "}, False),
    ({"HOME": "/home/ana", "XDG_DATA_HOME": " /data"}, False),
    ({"HOME": "relative-home"}, False),
    ({"HOME": ""}, False),
    ({"HOME": "/home/ana", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"}, False),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick answer is for Linux")
@pytest.mark.parametrize(("environment", "answered"), ENVIRONMENTS)
def test_the_quick_answer_is_the_one_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], answered: bool
) -> None:
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    quick = linux_user_dirs(environment)
    assert (quick is not None) == answered
    if quick is not None:
        assert quick == (
            platformdirs.user_data_dir(APP_ID, appauthor=False),
            platformdirs.user_log_dir(APP_ID, appauthor=False),
        )


def test_the_plain_case_is_answered_without_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.setattr(sys, "platform", "linux")
    paths = resolve_paths("/tmp/x.sqlite", environ={})
    assert str(paths.data_dir) == f"/home/ana/.local/share/{APP_ID}"
    assert str(paths.log_dir) == f"/home/ana/.local/state/{APP_ID}/log"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_ask_platformdirs(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.setattr(sys, "platform", platform)
    assert linux_user_dirs({"HOME": "/home/ana"}) is None
