"""The one draft writer: many drafts at once store exactly what one draft stores."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from decimal import Decimal
from typing import Any

import pytest

from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.services.billing.bulk_drafts import add_draft_invoices
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec

from helpers.billing import add_organization, usd


def _rows(context: Any, statement: str, *args: object) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(context.path)) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(statement, args)]


def _spec(organization_id: uuid.UUID, **extra: Any) -> DraftInvoiceSpec:
    return DraftInvoiceSpec(
        organization_id=organization_id, currency="usd", renewal_year=2027,
        lines=(DraftLineSpec("General membership", Decimal(1), usd("30000.00")),
               DraftLineSpec("LF Silver", Decimal(2), usd("15000.10"),
                             discount=usd("0.20"), tax_rate=Decimal("7.50"))),
        **extra,
    )  # fmt: skip


def test_many_drafts_are_stored_with_snapshot_totals_lines_and_one_audit_entry_each(
    context: Any, tricky_names: list[str]
) -> None:
    names = tricky_names[:5]
    organizations = [add_organization(context, name) for name in names]
    specs = [_spec(key, buyer_reference=f" PO-{i} ", notes=" paid yearly ")
             for i, key in enumerate(organizations)]  # fmt: skip
    with context.factories.write.begin() as session:
        session.info["actor"] = "tester"
        ids = add_draft_invoices(session, specs)
    assert len(set(ids)) == len(specs)
    for index, (invoice_id, name) in enumerate(zip(ids, names, strict=True)):
        (invoice,) = _rows(context, "SELECT * FROM invoices WHERE id = ?", invoice_id.hex)
        assert invoice["status"] == "draft" and invoice["number"] is None
        assert invoice["organization_id"] == organizations[index].hex
        assert invoice["bill_to_name"] == name and invoice["bill_to_city"] == "Berlin"
        assert (invoice["currency"], invoice["renewal_year"]) == ("USD", 2027)
        assert (invoice["buyer_reference"], invoice["notes"]) == (f"PO-{index}", "paid yearly")
        # 30,000.00 + 2 x 15,000.10 - 0.20 = 60,000.00 net; 7.5 % tax on the second line.
        assert invoice["net_minor"] == 6_000_000
        assert invoice["tax_minor"] == 225_000
        assert invoice["total_minor"] == invoice["net_minor"] + invoice["tax_minor"]
        assert (invoice["paid_minor"], invoice["credited_minor"], invoice["deleted"]) == (0, 0, 0)
        lines = _rows(context, "SELECT * FROM invoice_lines WHERE invoice_id = ? "
                      "ORDER BY position", invoice_id.hex)  # fmt: skip
        assert [(ln["position"], ln["description"], ln["quantity"], ln["unit_price_minor"],
                 ln["discount_minor"], ln["tax_rate"]) for ln in lines] == [
            (0, "General membership", "1", 3_000_000, 0, "0"),
            (1, "LF Silver", "2", 1_500_010, 20, "7.5"),
        ]  # fmt: skip
        assert {(ln["fee_entry_id"], ln["term_id"]) for ln in lines} == {(None, None)}
        # One entry per created record, holding its fields, as the ORM records one.
        audit = _rows(context, "SELECT * FROM audit_log WHERE entity_id = ?", invoice_id.hex)
        assert [(a["action"], a["actor"], a["field"], a["owner_id"]) for a in audit] == [
            ("create", "tester", "*", organizations[index].hex)
        ]
        fields = json.loads(audit[0]["new_value"])
        assert (fields["bill_to_name"], fields["status"], fields["total_minor"]) == (
            name,
            "draft",
            6_225_000,
        )
        # The lines are part of the draft: listed in its entry, none of their own.
        assert [(ln["description"], ln["quantity"], ln["unit_price_minor"])
                for ln in fields["lines"]] == [
            ("General membership", "1", 3_000_000), ("LF Silver", "2", 1_500_010)
        ]  # fmt: skip
        assert _rows(context, "SELECT * FROM audit_log WHERE owner_id = ?", invoice_id.hex) == []
    # What the services read back is what was written.
    details = context.invoices.get(ids[0])
    assert details.summary.total == usd("62250.00")
    assert [line.description for line in details.lines] == ["General membership", "LF Silver"]


def test_one_refused_draft_refuses_the_whole_call(context: Any) -> None:
    good = add_organization(context, "Good Co")
    bad = DraftInvoiceSpec(good, "USD", (DraftLineSpec("", Decimal(0), usd("-1")),))
    with pytest.raises(ValidationError) as error, context.factories.write.begin() as session:
        add_draft_invoices(session, [_spec(good), bad])
    assert set(error.value.field_errors) == {
        "lines[0].description", "lines[0].quantity", "lines[0].unit_price",
    }  # fmt: skip
    with pytest.raises(ValidationError, match="currency"), context.factories.write.begin() as s:
        add_draft_invoices(s, [DraftInvoiceSpec(good, "dollars", _spec(good).lines)])
    assert _rows(context, "SELECT id FROM invoices") == []
    assert _rows(context, "SELECT id FROM invoice_lines") == []


def test_a_deleted_or_unknown_organization_is_refused_and_nothing_is_added(context: Any) -> None:
    kept, gone = add_organization(context, "Kept"), add_organization(context, "Gone")
    context.organizations.delete(gone)
    for missing in (gone, uuid.uuid4()):
        with pytest.raises(UserError, match="no longer exists"):
            with context.factories.write.begin() as session:
                add_draft_invoices(session, [_spec(kept), _spec(missing)])
    assert _rows(context, "SELECT id FROM invoices") == []


def test_no_spec_writes_nothing(context: Any) -> None:
    with context.factories.write.begin() as session:
        assert add_draft_invoices(session, []) == []
    assert _rows(context, "SELECT id FROM audit_log WHERE entity_type = 'invoice'") == []
