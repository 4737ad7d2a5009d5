"""Issue the draft invoices listed in a file, one transaction each (a separate process).

Usage: python invoice_issuer.py DATABASE IDS_FILE
Prints the numbers taken, one a line.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path

from ptf_desktop.services.context import open_context


def main() -> None:
    database, ids_file = Path(sys.argv[1]), Path(sys.argv[2])
    context = open_context(database, migrate=False, busy_timeout=120)
    try:
        for line in ids_file.read_text().split():
            summary = context.invoices.issue(uuid.UUID(line), date(2027, 1, 4))
            print(summary.number, flush=True)
    finally:
        context.close()


if __name__ == "__main__":
    main()
