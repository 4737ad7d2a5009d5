"""Start-up benchmark: PTF Desktop against a bare PySide6 window, measured the same way.

What is measured
    The time from process start until the main window is shown and the event loop is
    idle. For every run the parent records ``t0 = time.time()`` immediately before
    ``subprocess.Popen``; the child, once its window is shown, schedules
    ``QTimer.singleShot(0, ...)``, which prints ``idle-at <time.time()>`` and quits. The
    duration of the run is ``idle-at - t0``: interpreter start, imports, QApplication,
    the window, and the first pass of the event loop.

The two programs
    * app: ``python -m ptf_desktop --exit-when-idle --database PATH`` (see
      ``ptf_desktop.ui.application.exit_when_idle``).
    * bare: an inline ``python -c`` script that imports PySide6.QtWidgets, creates a
      QApplication and a QMainWindow with a menu bar and a status bar, resizes it to the
      app's 1100x720, shows it and reports ``idle-at`` exactly like the app.

    Both run under the same interpreter (``sys.executable``), the same environment and
    the same Qt platform plugin: ``offscreen`` by default, ``--platform xcb`` when a
    DISPLAY exists. The children start in the current folder, so ``-m ptf_desktop``
    finds a ``ptf_desktop`` package there first: run the script from a patched copy of
    the repository to compare a change against the installed code.

Keeping it fair on a shared, noisy machine
    * The baseline is measured in the same run, never taken from an earlier one.
    * Runs are interleaved, and the order within each pair alternates (bare, app; then
      app, bare; ...), so a slow patch of the machine or a drifting cache hits both.
    * Warm-up pairs (2 by default) are run first and discarded: they fill the file
      cache and the byte-code cache.
    * Medians are quoted (with the 90th percentile alongside), not means.

Isolation
    Everything lives in a temporary folder that is deleted afterwards: HOME and the
    XDG folders point into it, so the user's settings, logs and database are untouched.
    The database is created and migrated once, before timing, by one untimed run of the
    app; the timed runs open an existing, up-to-date file, as a user does every day.

Byte-code
    An installed wheel or a PyInstaller bundle starts from compiled ``.pyc`` files, but
    a source checkout run with ``PYTHONDONTWRITEBYTECODE=1`` (set on some development
    machines) would compile every ``ptf_desktop`` module from source on every start,
    which the bare window, importing only pre-compiled PySide6, never pays. So the
    children run without ``PYTHONDONTWRITEBYTECODE`` and with ``PYTHONPYCACHEPREFIX``
    pointing into the temporary folder: the untimed and warm-up runs fill that cache,
    and nothing is written into the source tree. ``--without-bytecode-cache`` measures
    the compile-every-time case instead.

The bundle
    ``--bundle DIST/ptf-desktop/ptf-desktop`` also times the PyInstaller bundle's
    executable (``--exit-when-idle`` on the same database), interleaved with the two
    others; its ratio to the bare window is reported beside the app's. The target
    applies to the app run from source.

Usage::

    python benchmarks/startup.py [--runs N] [--warmup N] [--platform offscreen|xcb]
                                 [--target 1.2] [--without-bytecode-cache] [--json]
                                 [--bundle EXECUTABLE]

The exit status is 0 when the ratio of medians (app / bare) is within the target,
1 when it is not, and 2 when a child failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_RATIO = 1.2
DEFAULT_RUNS = 15
DEFAULT_WARMUP = 2
CHILD_TIMEOUT = 120.0  # seconds; a child that takes this long is broken, not slow

IDLE_LINE = re.compile(r"^idle-at (\d+(?:\.\d+)?)(?: cpu (\d+(?:\.\d+)?))?\s*$", re.MULTILINE)

# The baseline: the least a PySide6 program with a comparable main window can do.
BARE_WINDOW = """\
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])
window = QMainWindow()
window.setWindowTitle("Bare window")
window.menuBar().addMenu("&File")
window.statusBar().showMessage("Ready")
window.resize(1100, 720)
window.show()


def report():
    print(f"idle-at {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
    app.quit()


QTimer.singleShot(0, report)
sys.exit(app.exec())
"""


class ChildFailed(RuntimeError):
    """A child process exited badly or did not report when it was idle."""


@dataclass(frozen=True)
class Program:
    """One of the two programs being timed."""

    name: str
    command: list[str]


@dataclass(frozen=True)
class Summary:
    """The statistics of one program's timed runs, in seconds."""

    median: float
    p90: float
    minimum: float
    maximum: float

    @classmethod
    def of(cls, durations: list[float]) -> Summary:
        """Summarise a non-empty list of durations."""
        if len(durations) > 1:
            p90 = statistics.quantiles(durations, n=10, method="inclusive")[-1]
        else:
            p90 = durations[0]
        return cls(
            median=statistics.median(durations),
            p90=p90,
            minimum=min(durations),
            maximum=max(durations),
        )


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time PTF Desktop's start-up against a bare PySide6 window."
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help=f"timed runs of each (default {DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=DEFAULT_WARMUP,
        help=f"discarded warm-up runs of each (default {DEFAULT_WARMUP})",
    )
    parser.add_argument(
        "--platform",
        choices=["offscreen", "xcb"],
        default="offscreen",
        help="Qt platform plugin (default offscreen; xcb needs a DISPLAY)",
    )
    parser.add_argument(
        "--target",
        type=float,
        default=TARGET_RATIO,
        help=f"the largest acceptable app/bare ratio of medians (default {TARGET_RATIO})",
    )
    parser.add_argument(
        "--without-bytecode-cache",
        action="store_true",
        help="let the children compile every module from source each time "
        "(PYTHONDONTWRITEBYTECODE=1), as an uncompiled source checkout does",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        metavar="EXECUTABLE",
        help="also time this built bundle's executable (dist/ptf-desktop/ptf-desktop)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON only")
    arguments = parser.parse_args(argv)
    if arguments.bundle is not None and not arguments.bundle.is_file():
        parser.error(f"--bundle {arguments.bundle} is not a file")
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    if arguments.warmup < 0:
        parser.error("--warmup cannot be negative")
    if arguments.platform == "xcb" and not os.environ.get("DISPLAY"):
        parser.error("--platform xcb needs a DISPLAY")
    return arguments


def child_environment(root: Path, qt_platform: str, bytecode_cache: bool) -> dict[str, str]:
    """The environment of every child: a private HOME, XDG folders and byte-code cache."""
    environ = dict(os.environ)
    if bytecode_cache:
        environ.pop("PYTHONDONTWRITEBYTECODE", None)
        environ["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    else:
        environ["PYTHONDONTWRITEBYTECODE"] = "1"
    if qt_platform == "xcb" and "XAUTHORITY" not in environ:
        # X authorisation defaults to ~/.Xauthority, which the private HOME hides.
        default_authority = Path.home() / ".Xauthority"
        if default_authority.exists():
            environ["XAUTHORITY"] = str(default_authority)
    for name in ("PTF_DATABASE", "PYTHONPROFILEIMPORTTIME", "PYTHONINSPECT"):
        environ.pop(name, None)
    folders = {
        "HOME": "home",
        "XDG_CONFIG_HOME": "config",
        "XDG_DATA_HOME": "data",
        "XDG_CACHE_HOME": "cache",
        "XDG_STATE_HOME": "state",
        "XDG_RUNTIME_DIR": "runtime",
    }
    for variable, folder in folders.items():
        path = root / folder
        path.mkdir(mode=0o700, exist_ok=True)
        environ[variable] = str(path)
    environ["QT_QPA_PLATFORM"] = qt_platform
    return environ


def time_once(program: Program, environ: dict[str, str]) -> tuple[float, float]:
    """Start the program once; return seconds from just before Popen to its idle-at time.

    And the CPU seconds the process had used by then (NaN when it did not say): on a
    busy machine the wall time varies with the other load, the CPU time much less.
    """
    t0 = time.time()
    child = subprocess.Popen(
        program.command,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = child.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise ChildFailed(f"{program.name} did not finish within {CHILD_TIMEOUT:.0f} s") from None
    found = IDLE_LINE.findall(stdout)
    if child.returncode != 0 or not found:
        raise ChildFailed(
            f"{program.name} exited with status {child.returncode} "
            f"{'without reporting idle-at' if not found else ''}\n"
            f"command: {' '.join(program.command)}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        )
    wall, cpu = found[-1]
    return float(wall) - t0, float(cpu) if cpu else math.nan


def prepare_database(app: Program, environ: dict[str, str], database: Path) -> None:
    """Create the database (only ``ptf db upgrade`` creates one), then run the app once untimed."""
    upgrade = ["--database", str(database), "db", "upgrade"]
    subprocess.run(
        [sys.executable, "-m", "ptf_desktop.cli.main", *upgrade],
        env=environ, check=True, capture_output=True,
    )  # fmt: skip
    time_once(app, environ)


def measure(
    programs: list[Program], environ: dict[str, str], runs: int, warmup: int, quiet: bool
) -> dict[str, list[float]]:
    """Run the programs in interleaved rounds, each round starting with the next one."""
    durations: dict[str, list[float]] = {program.name: [] for program in programs}
    durations.update({f"{program.name} cpu": [] for program in programs})
    total = warmup + runs
    for index in range(total):
        shift = index % len(programs)
        both = {program.name: time_once(program, environ) for program in
                programs[shift:] + programs[:shift]}  # fmt: skip
        timed = {name: wall for name, (wall, _cpu) in both.items()}
        label = "warm-up" if index < warmup else "run"
        if not quiet:
            figures = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in timed.items())
            print(f"  {label:7} {index + 1:>3}/{total}: {figures}", file=sys.stderr, flush=True)
        if index >= warmup:
            for name, (wall, cpu) in both.items():
                durations[name].append(wall)
                durations[f"{name} cpu"].append(cpu)
    return durations


def pyside_version() -> str:
    try:
        import PySide6
    except ImportError:
        return "not installed"
    return str(PySide6.__version__)


def report_table(
    results: dict[str, object], bare: Summary, app: Summary, bundle: Summary | None
) -> str:
    def milliseconds(seconds: float) -> str:
        return f"{seconds * 1000:8.1f}"

    lines = [
        f"Start-up to idle main window: {results['runs']} timed runs each "
        f"(+{results['warmup']} warm-up), interleaved, Qt platform {results['platform']}, "
        f"byte-code cache {'on' if results['bytecode_cache'] else 'off'}",
        f"Python {results['python']}, PySide6 {results['pyside6']}",
        "",
        f"{'':14}{'median ms':>10}{'p90 ms':>10}{'min ms':>10}{'max ms':>10}",
    ]
    rows = [("bare window", bare), ("PTF Desktop", app)]
    if bundle is not None:
        rows.append(("bundle", bundle))
    for name, summary in rows:
        lines.append(
            f"{name:14}{milliseconds(summary.median):>10}{milliseconds(summary.p90):>10}"
            f"{milliseconds(summary.minimum):>10}{milliseconds(summary.maximum):>10}"
        )
    verdict = "PASS" if results["pass"] else "FAIL"
    lines += [
        "",
        f"ratio of medians (app / bare): {results['ratio_of_medians']:.2f}"
        f"  (median of paired ratios {results['median_paired_ratio']:.2f})",
        f"target: at most {results['target']:.2f}  ->  {verdict}",
    ]
    if bundle is not None:
        lines.append(f"bundle / bare (ratio of medians): {results['bundle_ratio_of_medians']:.2f}")
    cpu = results["cpu_ms_medians"]
    lines.append(
        "CPU time to idle, medians: "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in cpu.items())  # type: ignore[attr-defined]
        + f"  (app / bare {results['cpu_ratio']:.2f})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    quiet = arguments.json
    with tempfile.TemporaryDirectory(prefix="ptf-startup-bench-") as temporary:
        root = Path(temporary)
        environ = child_environment(
            root, arguments.platform, bytecode_cache=not arguments.without_bytecode_cache
        )
        database = root / "data" / "benchmark.sqlite"
        bare = Program("bare", [sys.executable, "-c", BARE_WINDOW])
        app = Program(
            "app",
            [sys.executable, "-m", "ptf_desktop", "--exit-when-idle", "--database", str(database)],
        )
        try:
            if not quiet:
                print("Creating and migrating the database (untimed)...", file=sys.stderr)
            prepare_database(app, environ, database)
            if not database.exists():
                raise ChildFailed(f"the app did not create {database}")
            programs = [bare, app]
            if arguments.bundle is not None:
                bundle_command = [str(arguments.bundle.resolve()), "--exit-when-idle"]
                programs.append(Program("bundle", [*bundle_command, "--database", str(database)]))
            durations = measure(programs, environ, arguments.runs, arguments.warmup, quiet=quiet)
        except ChildFailed as failure:
            print(f"error: {failure}", file=sys.stderr)
            return 2

    bare_summary = Summary.of(durations[bare.name])
    app_summary = Summary.of(durations[app.name])
    ratio = app_summary.median / bare_summary.median
    paired = [a / b for a, b in zip(durations[app.name], durations[bare.name], strict=True)]
    results: dict[str, object] = {
        "runs": arguments.runs,
        "warmup": arguments.warmup,
        "platform": arguments.platform,
        "python": platform.python_version(),
        "pyside6": pyside_version(),
        "executable": sys.executable,
        "bytecode_cache": not arguments.without_bytecode_cache,
        "target": arguments.target,
        "bare": {**vars(bare_summary), "durations": durations[bare.name]},
        "app": {**vars(app_summary), "durations": durations[app.name]},
        "ratio_of_medians": ratio,
        "median_paired_ratio": statistics.median(paired),
        "pass": ratio <= arguments.target,
    }
    cpu_medians = {
        name: statistics.median(durations[f"{name} cpu"]) * 1000
        for name in ("bare", "app", "bundle")
        if f"{name} cpu" in durations
    }
    results["cpu_ms_medians"] = cpu_medians
    results["cpu_ratio"] = cpu_medians["app"] / cpu_medians["bare"]
    bundle_summary = Summary.of(durations["bundle"]) if "bundle" in durations else None
    if bundle_summary is not None:
        results["bundle"] = {**vars(bundle_summary), "durations": durations["bundle"]}
        results["bundle_ratio_of_medians"] = bundle_summary.median / bare_summary.median
    if arguments.json:
        print(json.dumps(results, indent=2))
    else:
        print(report_table(results, bare_summary, app_summary, bundle_summary))
    return 0 if results["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
