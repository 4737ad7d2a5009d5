"""PyInstaller entry script for ``ptf-desktop`` (see ``build_installer.spec``).

``ptf_desktop/__main__.py`` uses relative imports, so it cannot be the bundle's top-level
script itself; this file imports it as part of the package instead.
"""

import multiprocessing

from ptf_desktop.__main__ import main

# A year's certificate batch renders in worker processes started with "spawn": in the
# bundle they re-run this executable, which must then act as the worker, not the app.
multiprocessing.freeze_support()
raise SystemExit(main())
