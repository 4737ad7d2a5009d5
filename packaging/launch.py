"""PyInstaller entry script for ``ptf-desktop`` (see ``build_installer.spec``).

``ptf_desktop/__main__.py`` uses relative imports, so it cannot be the bundle's top-level
script itself; this file imports it as part of the package instead.
"""

from ptf_desktop.__main__ import main

raise SystemExit(main())
