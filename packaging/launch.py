"""PyInstaller entry script of the bundle (see ``build_installer.spec``).

One executable carries both commands of the package:

* ``ptf-desktop [OPTIONS]`` starts the window (``ptf_desktop.__main__``);
* ``ptf-desktop ptf COMMAND ...`` runs the ``ptf`` command line (``ptf_desktop.cli``),
  as does the executable started under the name ``ptf`` (a link an installer may add).

``ptf_desktop/__main__.py`` uses relative imports, so it cannot be the bundle's top-level
script itself; this file imports it as part of the package instead.
"""

import multiprocessing
import os
import sys

CLI_NAME = "ptf"


def _run() -> int:
    arguments = sys.argv[1:]
    invoked_as = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    if invoked_as == CLI_NAME or arguments[:1] == [CLI_NAME]:
        from ptf_desktop.cli.main import main as cli_main

        return cli_main(arguments if invoked_as == CLI_NAME else arguments[1:])
    from ptf_desktop.__main__ import main

    return main()


if __name__ == "__main__":
    # A year's certificate batch renders in worker processes started with "spawn": in
    # the bundle each re-runs this executable, and freeze_support() makes it the worker
    # (it never returns then). It comes first, so that a worker loads nothing else.
    multiprocessing.freeze_support()
    raise SystemExit(_run())
