"""``python -m ptf_server``: the same as the ``ptf-server`` command."""

import sys

from .cli import main

sys.exit(main())
