"""Certificate verification keys: every key kept, each certificate verified with its own.

Also migration 0015 on a file of schema 14: its one key moves into the keys' table and
the certificates issued before it are linked to it and still verify.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from ptf_desktop.domain.certificates import new_certificate_key
from ptf_desktop.persistence import schema
from ptf_desktop.persistence.engine import make_engine
from ptf_desktop.persistence.models import Certificate, CertificateVerificationKey
from ptf_desktop.persistence.models.certificates import (
    VERIFICATION_KEY_NAMESPACE,
    key_fingerprint,
    verification_key_id,
)
from ptf_desktop.services.context import open_context

from helpers.certificates import ISSUE_DAY, add_member, configure_signatory


def _alembic(path: Path, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        engine.dispose()


def _add_key(context: Any, key: bytes, made: datetime) -> None:
    """A key as a pull from another laptop brings it."""
    with context.factories.write.begin() as s:
        s.add(CertificateVerificationKey(
            id=verification_key_id(key), fingerprint=key_fingerprint(key), key=key,
            created_at=made, updated_at=made,
        ))  # fmt: skip


def test_new_certificates_take_the_newest_key_and_each_verifies_with_its_own(
    context: Any, tmp_path: Path, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    _, first_term = add_member(context, tricky_names[3])
    _, second_term = add_member(context, tricky_names[4])
    first = context.certificates.issue(first_term, on=ISSUE_DAY)
    old_key = context.certificate_settings.verification_key()
    newer_key = new_certificate_key()
    _add_key(context, newer_key, datetime.now(UTC) + timedelta(minutes=1))
    second = context.certificates.issue(second_term, on=ISSUE_DAY)

    assert context.certificate_settings.verification_key() == newer_key
    with context.factories.read.begin() as s:
        linked = {s.get(Certificate, r.id).verification_key_id for r in (first, second)}
    assert linked == {verification_key_id(old_key), verification_key_id(newer_key)}
    for record in (first, second):
        path = context.certificates.save_pdf(record.id, tmp_path / f"{record.number}.pdf")
        problems = context.certificate_verifier.verify_file(path).problems
        assert problems == ("The certificate is not signed",)

    # The register's key decides: the first certificate named with the newer key fails.
    with context.factories.write.begin() as s:
        s.get(Certificate, first.id).verification_key_id = verification_key_id(newer_key)
    path = tmp_path / f"{first.number}.pdf"
    problems = context.certificate_verifier.verify_file(path).problems
    assert any("verification code does not match" in problem for problem in problems)


def test_a_database_with_no_key_does_not_make_one_to_verify(context: Any, tmp_path: Path) -> None:
    path = tmp_path / "not-ours.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert not context.certificate_verifier.verify_file(path).valid
    with context.factories.read.begin() as s:
        assert s.query(CertificateVerificationKey).count() == 0


def test_the_migration_derives_key_ids_as_the_models_do() -> None:
    migration = importlib.import_module(
        "ptf_desktop.persistence.migrations.versions.0015_certificate_verification_keys"
    )
    assert migration._KEY_NAMESPACE == VERIFICATION_KEY_NAMESPACE


def test_migration_0015_moves_the_key_of_schema_14_and_links_its_certificates(
    context: Any, tmp_path: Path, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    _, term = add_member(context, tricky_names[5])
    record = context.certificates.issue(term, on=ISSUE_DAY)
    pdf = context.certificates.save_pdf(record.id, tmp_path / "before.pdf")
    key = context.certificate_settings.verification_key()
    path = context.path
    context.close()
    _alembic(path, "downgrade", "0014")
    with closing(sqlite3.connect(path)) as connection, connection:
        # Schema 14 kept its one key in the key material row; this laptop syncs.
        connection.execute(
            "INSERT INTO certificate_keys (id, row_version, created_at, updated_at, deleted, "
            "verification_key) VALUES ('6f1d2a528d1c4a8e9b0e5e6f70746634', 3, "
            "'2027-01-02 10:00:00.000000', '2027-01-02 10:00:00.000000', 0, ?)",
            (key,),
        )
        connection.execute("INSERT OR REPLACE INTO sync_local_state VALUES ('capture', 'on')")
        connection.execute("DELETE FROM sync_outbox")

    migrated = open_context(path)  # migrates 0014 -> 0015, as the app does
    try:
        with migrated.factories.read.begin() as s:
            keys = s.query(CertificateVerificationKey).all()
            linked = s.get(Certificate, record.id).verification_key_id
        assert [(k.id, k.fingerprint, k.key) for k in keys] == [
            (verification_key_id(key), key_fingerprint(key), key)
        ]
        assert keys[0].created_at == datetime(2027, 1, 2, 10, tzinfo=UTC)
        assert linked == keys[0].id
        assert migrated.certificate_verifier.verify_file(pdf).problems == (
            "The certificate is not signed",
        )
        assert migrated.certificate_settings.verification_key() == key
        outbox = migrated.factories.engine.connect()
        with closing(outbox):
            queued = outbox.exec_driver_sql(
                "SELECT table_name, row_id, op, fields FROM sync_outbox"
            ).all()
    finally:
        migrated.close()
    # The key, maybe made offline, is queued for the server exactly as capture would.
    assert [(t, r, o) for t, r, o, _ in queued] == [
        ("certificate_verification_keys", keys[0].id.hex, "insert")
    ]
    sent = json.loads(queued[0][3])
    assert sent["fingerprint"] == key_fingerprint(key) and bytes.fromhex(sent["key"]) == key


def test_the_team_servers_upgrade_moves_its_key_and_logs_it_for_the_laptops(
    empty_postgres_url: str,
) -> None:
    from sqlalchemy import text

    from ptf_desktop.persistence.postgres import make_postgres_engine
    from ptf_server import database

    key = new_certificate_key()
    engine = make_postgres_engine(empty_postgres_url)
    try:
        with engine.begin() as connection:  # a server of schema 14 holding one key
            schema.upgrade_connection(connection, "0014")
            database._upgrade_server_tables(connection)
            connection.execute(
                text("INSERT INTO certificate_keys (id, row_version, created_at, updated_at, "
                     "deleted, verification_key) VALUES (:id, 4, now(), now(), false, :key)"),
                {"id": "6f1d2a52-8d1c-4a8e-9b0e-5e6f70746634", "key": key},
            )  # fmt: skip
        database.upgrade(engine)  # ptf-server db upgrade
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT id, row_version, key FROM certificate_verification_keys")
            ).all()
            logged = connection.execute(text(
                "SELECT row_id FROM sync_change_log "
                "WHERE table_name = 'certificate_verification_keys'"
            )).scalars().all()  # fmt: skip
    finally:
        engine.dispose()
    assert [(row.id, row.row_version, bytes(row.key)) for row in stored] == [
        (verification_key_id(key), 1, key)
    ]
    assert logged == [verification_key_id(key)]


def test_a_certificate_naming_no_key_verifies_with_any_key_known_the_old_one_included(
    context: Any, tmp_path: Path
) -> None:
    from ptf_desktop.persistence.models import CERTIFICATE_KEYS_ROW_ID, CertificateKeys

    configure_signatory(context)
    _, term = add_member(context)
    record = context.certificates.issue(term, on=ISSUE_DAY)
    path = context.certificates.save_pdf(record.id, tmp_path / "old-client.pdf")
    key = context.certificate_settings.verification_key()
    # As a client of schema 14 issues: no key named, its key only in its one key row.
    with context.factories.write.begin() as s:
        s.get(Certificate, record.id).verification_key_id = None
        s.flush()
        s.delete(s.get(CertificateVerificationKey, verification_key_id(key)))
        s.add(CertificateKeys(id=CERTIFICATE_KEYS_ROW_ID, verification_key=key))
    _add_key(context, new_certificate_key(), datetime.now(UTC))

    verdict = context.certificate_verifier.verify_file(path)
    assert verdict.problems == ("The certificate is not signed",)
    with context.factories.write.begin() as s:
        s.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID).verification_key = new_certificate_key()
    problems = context.certificate_verifier.verify_file(path).problems
    assert any("verification code does not match" in problem for problem in problems)
