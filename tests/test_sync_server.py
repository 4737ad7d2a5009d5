"""The team server: its command line, enrolment, hashed tokens, revocation, versions, limits."""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from ptf_desktop.persistence.postgres import make_postgres_engine
from ptf_desktop.persistence.sync.protocol import MAX_REQUEST_BYTES, PROTOCOL_SCHEMA_VERSION
from ptf_desktop.services.sync.client import SyncClient

from helpers.sync_server import RunningServer, run_server_command, running_server


@pytest.fixture
def server(sync_database_url: str) -> Iterator[RunningServer]:
    with running_server(sync_database_url, upgrade=False) as running:
        yield running


def test_db_upgrade_makes_the_laptop_schema_and_the_server_tables(empty_postgres_url: str) -> None:
    first = run_server_command(empty_postgres_url, "db", "upgrade")
    again = run_server_command(empty_postgres_url, "db", "upgrade")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    engine = make_postgres_engine(empty_postgres_url)
    with engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())  # fmt: skip
        xid_type = connection.execute(text(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'sync_change_log' AND column_name = 'xid'")).scalar()  # fmt: skip
    engine.dispose()
    assert {"organizations", "invoices", "audit_log", "sync_devices", "sync_change_log",
            "sync_applied_batches", "sync_conflicts"} <= tables  # fmt: skip
    assert xid_type == "xid8"


def test_commands_need_a_database_url_and_say_so_in_one_line() -> None:
    result = run_server_command("", "devices", "list")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ptf-server: error: give --database-url URL or set PTF_SERVER_DATABASE_URL"
    ]
    unreachable = run_server_command("postgresql://nobody@127.0.0.1:55999/none", "devices",
                                      "list")  # fmt: skip
    assert unreachable.returncode == 1
    assert len(unreachable.stderr.strip().splitlines()) == 1
    assert unreachable.stderr.startswith("ptf-server: error: cannot reach the database")


def test_devices_add_list_revoke_with_hashed_codes_and_tokens(server: RunningServer) -> None:
    code = server.add_device("Ada's laptop", "ada@pytorch.example")
    second = server.add_device("Grace's laptop", "grace@pytorch.example")
    assert code != second and len(code) == 19
    duplicate = server.command("devices", "add", "Ada's laptop", "--user", "x@pytorch.example")
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr

    enrolled = httpx.post(
        f"{server.url}/v1/enrol",
        json={"code": code.lower(), "schema_version": PROTOCOL_SCHEMA_VERSION},
    )
    assert enrolled.status_code == 200, enrolled.text
    answer = enrolled.json()
    token = answer["token"]
    assert (answer["device_code"], answer["user"], answer["empty"]) == (
        "L01",
        "ada@pytorch.example",
        True,
    )
    again = httpx.post(
        f"{server.url}/v1/enrol", json={"code": code, "schema_version": PROTOCOL_SCHEMA_VERSION}
    )
    assert again.status_code == 403 and again.json()["error"] == "bad_code"

    engine = make_postgres_engine(server.database_url)
    with engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text(
            "SELECT * FROM sync_devices")) for v in row)  # fmt: skip
    engine.dispose()
    assert token not in stored and code not in stored and second not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored

    listed = json.loads(server.command("devices", "list", "--json").stdout)
    assert [(d["name"], d["device_code"], d["state"]) for d in listed] == [
        ("Ada's laptop", "L01", "enrolled"),
        ("Grace's laptop", "L02", "waiting"),
    ]

    headers = {"Authorization": f"Bearer {token}"}
    body = {"schema_version": PROTOCOL_SCHEMA_VERSION}
    assert httpx.post(f"{server.url}/v1/hello", json=body, headers=headers).status_code == 200
    assert server.command("devices", "revoke", "Ada's laptop").returncode == 0
    refused = httpx.post(f"{server.url}/v1/hello", json=body, headers=headers)
    assert refused.status_code == 403 and refused.json()["error"] == "revoked"
    assert "revoked" in refused.json()["message"]
    stranger = httpx.post(
        f"{server.url}/v1/hello", json=body, headers={"Authorization": "Bearer forged"}
    )
    assert stranger.status_code == 401
    unknown = server.command("devices", "revoke", "Nobody's laptop")
    assert unknown.returncode == 1 and unknown.stderr.startswith("ptf-server: error:")


def test_versions_and_request_size(server: RunningServer) -> None:
    code = server.add_device("Laptop")
    token = httpx.post(
        f"{server.url}/v1/enrol", json={"code": code, "schema_version": PROTOCOL_SCHEMA_VERSION}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}

    def hello(version: int) -> httpx.Response:
        return httpx.post(
            f"{server.url}/v1/hello", json={"schema_version": version}, headers=headers
        )

    assert hello(PROTOCOL_SCHEMA_VERSION - 1).status_code == 200
    outdated = hello(PROTOCOL_SCHEMA_VERSION - 2)
    assert outdated.status_code == 426 and outdated.json()["error"] == "outdated"
    assert hello(PROTOCOL_SCHEMA_VERSION + 1).json()["error"] == "server_outdated"
    huge = httpx.post(
        f"{server.url}/v1/push",
        content=b"x" * (MAX_REQUEST_BYTES + 1),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert huge.status_code == 413


def test_tls_when_given_a_certificate_and_key(
    empty_postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _self_signed(tmp_path)
    with running_server(empty_postgres_url, "--tls-cert", str(cert), "--tls-key",
                        str(key)) as server:  # fmt: skip
        assert server.url.startswith("https://")
        code = server.add_device("Laptop")
        with pytest.raises(httpx.ConnectError):  # an unknown issuer is not trusted
            httpx.post(f"{server.url}/v1/enrol", json={"code": code, "schema_version": 1})
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the organisation's own CA
        client = SyncClient(server.url)
        try:
            answer = client.enrol(code, register_empty=True)
        finally:
            client.close()
    assert answer["device_code"] == "L01"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(private.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )  # fmt: skip
    cert, key = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    return cert, key
