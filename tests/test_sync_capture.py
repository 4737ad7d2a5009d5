"""Change capture on the laptop: triggers generated from the models fill the outbox."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table, Uuid

from ptf_desktop.persistence.sync import capture
from ptf_desktop.services.context import AppContext

from helpers.billing import add_organization


def outbox(path: Path) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT table_name, row_id, op, base_version, fields, old FROM sync_outbox ORDER BY seq"
        ).fetchall()
    return [
        {"table": t, "row_id": r, "op": op, "base": b, "fields": json.loads(f),
         "old": json.loads(o)}
        for t, r, op, b, f, o in rows
    ]  # fmt: skip


def switch_capture(path: Path, on: bool) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "INSERT OR REPLACE INTO sync_local_state (key, value) VALUES ('capture', ?)",
            ("on" if on else "off",),
        )
        connection.commit()


def test_nothing_is_captured_before_joining(context: AppContext) -> None:
    add_organization(context)
    assert outbox(context.path) == []


def test_inserts_updates_and_deletes_are_captured_field_by_field(
    context: AppContext, tricky_names: list[str]
) -> None:
    switch_capture(context.path, True)
    name = tricky_names[1]
    org = add_organization(context, name)
    context.organizations.update(org, {"city": "Köln", "employees": "1500"})
    context.organizations.delete(org)

    entries = [e for e in outbox(context.path) if e["table"] == "organizations"]
    created, deleted = entries[0], entries[-1]
    [edited] = [e for e in entries if "city" in e["fields"] and e["op"] == "update"]
    assert created["op"] == "insert" and created["row_id"] == org.hex
    organizations = capture.Base.metadata.tables["organizations"]
    assert set(created["fields"]) == {c.name for c in organizations.c} - {"row_version"}
    assert created["fields"]["display_name"] == name
    assert edited["op"] == "update" and edited["base"] == 0
    assert {k: edited["fields"][k] for k in ("city", "employees")} == {
        "city": "Köln",
        "employees": 1500,
    }
    assert {k: edited["old"][k] for k in ("city", "employees")} == {
        "city": "Berlin",
        "employees": 1200,
    }
    assert "display_name" not in edited["fields"]
    assert deleted["fields"]["deleted"] == 1 and deleted["old"]["deleted"] == 0
    audit = [e for e in outbox(context.path) if e["table"] == "audit_log"]
    assert audit and all(e["op"] == "insert" for e in audit)


def test_services_never_bump_row_version(context: AppContext) -> None:
    switch_capture(context.path, True)
    org = add_organization(context)
    for city in ("Paris", "Rome", "Oslo"):
        context.organizations.update(org, {"city": city})
    with closing(sqlite3.connect(context.path)) as connection:
        version = connection.execute(
            "SELECT row_version FROM organizations WHERE id = ?", (org.hex,)
        ).fetchone()[0]
    assert version == 0
    assert {e["base"] for e in outbox(context.path) if e["table"] == "organizations"} == {0}


def test_local_only_settings_never_travel(context: AppContext) -> None:
    context.settings.save({"signatory_name": "Ada Lovelace"})
    switch_capture(context.path, True)
    with closing(sqlite3.connect(context.path)) as connection:
        connection.execute("UPDATE foundation_settings SET signing_pkcs12_path = '/home/a/c.p12'")
        connection.execute("UPDATE foundation_settings SET backups_to_keep = 3")
        connection.commit()
    assert outbox(context.path) == []
    context.settings.save({"signatory_name": "Grace Hopper"})
    [entry] = [e for e in outbox(context.path) if e["table"] == "foundation_settings"]
    assert "signing_pkcs12_path" not in entry["fields"]


def test_capture_switched_off_captures_nothing(context: AppContext) -> None:
    switch_capture(context.path, True)
    switch_capture(context.path, False)
    add_organization(context)
    assert outbox(context.path) == []


def test_triggers_follow_the_models_every_column_and_bytes(tmp_path: Path) -> None:
    metadata = MetaData()
    table = Table(
        "widgets", metadata,
        Column("id", Uuid, primary_key=True), Column("row_version", Integer),
        Column("deleted", Integer), Column("label", String(10)),
        Column("added_later", String(10)), Column("picture", LargeBinary),
    )  # fmt: skip
    with closing(sqlite3.connect(tmp_path / "w.sqlite")) as connection:
        connection.executescript(
            "CREATE TABLE sync_local_state (key TEXT PRIMARY KEY, value TEXT);"
            "INSERT INTO sync_local_state VALUES ('capture', 'on');"
            "CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY, change_id TEXT, table_name TEXT,"
            " row_id TEXT, op TEXT, base_version INT, fields TEXT, old TEXT, batch_id TEXT);"
            "CREATE TABLE widgets (id TEXT PRIMARY KEY, row_version INT, deleted INT,"
            " label TEXT, added_later TEXT, picture BLOB);"
        )
        for statement in capture.trigger_statements(table):
            connection.execute(statement)
        connection.execute("INSERT INTO widgets VALUES ('a1', 4, 0, 'x', 'new', x'00ff')")
        connection.execute("UPDATE widgets SET added_later = 'newer' WHERE id = 'a1'")
        rows = connection.execute("SELECT op, base_version, fields FROM sync_outbox").fetchall()
    assert json.loads(rows[0][2]) == {"id": "a1", "deleted": 0, "label": "x",
                                      "added_later": "new", "picture": "00FF"}  # fmt: skip
    assert (rows[1][0], rows[1][1], json.loads(rows[1][2])) == (
        "update",
        4,
        {"added_later": "newer"},
    )
