"""E-mail drafts to several organizations: one safe file each, to the right contact."""

from __future__ import annotations

import email
import email.policy
import uuid
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.domain.billing.file_names import MAX_NAME_BYTES
from ptf_desktop.domain.progress import Cancelled, Progress
from ptf_desktop.services.register.email_drafts import BILLING_FIRST, DraftText

from helpers.billing import add_organization

TEXT = DraftText("PyTorch Conference 2027: member passes", "Each member has 5 passes.\n")
CONTACT = 'Ünal "Quoted" <Primary>'


def organizations_with_contacts(context: Any, names: list[str]) -> list[uuid.UUID]:
    """Every name an organization; all but the last have a primary contact with an address."""
    ids = []
    for number, name in enumerate(names):
        organization = add_organization(context, name)
        if number < len(names) - 1:
            context.organizations.add_contact(
                organization,
                {"name": CONTACT, "email": f"member{number}@example.com", "roles": ["primary"]},
            )
        ids.append(organization)
    return ids


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    chosen = tmp_path / "drafts"  # tmp_path holds the database too
    chosen.mkdir()
    return chosen


def read(path: Path) -> Any:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_one_draft_per_organization_with_a_safe_name_and_the_missing_ones_named(
    context: Any, tricky_names: list[str], folder: Path
) -> None:
    context.settings.save(
        {"legal_name": "PyTorch Foundation", "billing_email": "m@pytorch.example"}
    )
    ids = organizations_with_contacts(context, tricky_names)
    written = context.email_drafts.write(ids, TEXT, folder)

    assert len(written.files) == len(tricky_names) - 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written.files)
    shown = {context.organizations.get(i).fields.display_name for i in ids}
    assert set(written.without_email) == {context.organizations.get(ids[-1]).fields.display_name}
    assert set(written.without_email) < shown
    for number, path in enumerate(written.files):
        assert path.parent == folder  # "../../etc/passwd" stays in the folder
        assert path.suffix == ".eml" and len(path.name.encode()) <= MAX_NAME_BYTES
        assert not set(path.name) & set('<>:"/\\|?*\t')
        assert path.stem.split(" ")[0] == "E-mail" and path.stem.upper() != "CON"
        message = read(path)
        assert message["X-Unsent"] == "1"
        assert message["Subject"] == TEXT.subject
        assert message["To"].addresses[0].display_name == CONTACT
        assert message["To"].addresses[0].addr_spec == f"member{number}@example.com"
        assert message["From"].addresses[0].addr_spec == "m@pytorch.example"
        body = message.get_content().replace("\r\n", "\n")  # SMTP line ends
        assert body.startswith(f"Dear {CONTACT},\n\nEach member has 5 passes.")


def test_the_billing_contact_is_chosen_first_when_asked_and_names_never_collide(
    context: Any, folder: Path
) -> None:
    first = add_organization(context, "AT/T Inc.")
    second = add_organization(context, "at_t Inc.")  # the same file name on Windows and macOS
    for organization in (first, second):
        context.organizations.add_contact(
            organization, {"name": "Ada Primary", "email": "ada@example.com", "roles": ["primary"]}
        )
        context.organizations.add_contact(
            organization, {"name": "Bo Billing", "email": "bo@example.com", "roles": ["billing"]}
        )
    written = context.email_drafts.write([first, second], TEXT, folder, BILLING_FIRST)
    assert [p.name for p in written.files] == ["E-mail AT_T Inc.eml", "E-mail (2) at_t Inc.eml"]
    assert {read(p)["To"].addresses[0].username for p in written.files} == {"bo"}
    recipients = context.email_drafts.recipients([first])
    assert [r.contact for r in recipients] == ["Ada Primary"]  # primary first by default


def test_stopping_keeps_what_was_written_and_writes_no_more(
    context: Any, tricky_names: list[str], folder: Path
) -> None:
    ids = organizations_with_contacts(context, tricky_names[:6])
    steps: list[int] = []

    def cancelled() -> bool:
        return len(steps) >= 3

    with pytest.raises(Cancelled):
        context.email_drafts.write(
            ids, TEXT, folder, progress=Progress(lambda done, _total: steps.append(done), cancelled)
        )
    assert len(list(folder.iterdir())) == 3
