"""Billing benchmark: issuing invoices (number, PDF/A, Factur-X, stored) and exporting them.

What is measured
    * Issuing: each invoice issued in its own transaction through ``InvoiceService.issue``
      with the application's renderer (PDF/A-3b and Factur-X), per invoice; the first
      one of the process (libraries and fonts loading) is reported apart.
    * Export: ``InvoiceExporter.export`` of every issued invoice into an empty folder
      (stored bytes, atomic writes with fsync), in total. Target of the issue: 1,000
      invoices in under 20 s. The GUI's event-loop stall during an export is measured by
      the interface's own benchmark, not here.

Usage::

    python benchmarks/billing.py [--invoices N] [--json]

The exit status is 0 when the export target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import add_draft_invoice
from ptf_desktop.services.context import open_context

EXPORT_TARGET_SECONDS_PER_1000 = 20.0
SELLER = {
    "tax_id": "46-0825839",
    "billing_email": "billing@pytorch.example",
    "bank_name": "Example Bank",
    "iban": "DE89370400440532013000",
    "swift_bic": "COBADEFFXXX",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--invoices", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ptf-billing-bench-") as folder:
        figures = run(Path(folder), arguments.invoices)
    if arguments.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name:45} {value}")
    target = EXPORT_TARGET_SECONDS_PER_1000 * arguments.invoices / 1000
    return 0 if figures["export_total_s"] < target else 1


def run(folder: Path, count: int) -> dict[str, float]:
    context = open_context(folder / "ptf.sqlite")
    context.settings.save(SELLER)
    organization_id = context.organizations.create(
        {"display_name": "Benchmark Robotics GmbH", "org_type": "commercial", "country": "DE",
         "address_line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115"}
    )  # fmt: skip
    line = DraftLineSpec(
        "General membership, 2027-01-01 to 2027-12-31", Decimal(1), Money(Decimal(35000), "USD")
    )
    spec = DraftInvoiceSpec(organization_id, "USD", (line,))
    with context.factories.write.begin() as session:
        ids = [add_draft_invoice(session, spec) for _ in range(count)]

    samples = []
    for invoice_id in ids:
        started = time.perf_counter()
        context.invoices.issue(invoice_id, date(2027, 1, 4))
        samples.append(time.perf_counter() - started)

    started = time.perf_counter()
    report = context.invoice_export.export(folder / "export")
    export_total = time.perf_counter() - started
    assert len(report.written) == count and not report.without_pdf
    context.close()
    rest = samples[1:] or samples
    return {
        "invoices": count,
        "issue_first_ms": round(samples[0] * 1000, 1),
        "issue_median_ms": round(statistics.median(rest) * 1000, 1),
        "issue_p95_ms": round(statistics.quantiles(rest, n=20)[-1] * 1000, 1)
        if len(rest) > 1
        else 0,
        "export_total_s": round(export_total, 2),
        "export_per_invoice_ms": round(export_total / count * 1000, 2),
    }


if __name__ == "__main__":
    sys.exit(main())
