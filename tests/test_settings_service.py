"""The settings service: one validated, audited transaction per save."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.persistence.audit import Audited
from ptf_desktop.persistence.audit_hook import install_audit_trail
from ptf_desktop.persistence.base import Base, Synced
from ptf_desktop.persistence.models import AuditEntry
from ptf_desktop.services.context import AppContext, open_context

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def test_unsaved_settings_are_the_defaults(context: AppContext) -> None:
    settings = context.settings.load()
    assert (settings.default_currency, settings.payment_terms_days) == ("USD", 30)


@pytest.mark.sqlite_only
def test_saved_settings_survive_reopening(context: AppContext) -> None:
    context.settings.save({"iban": "GB82 WEST 1234 5698 7654 32", "payment_terms_days": "45"})
    context.close()
    reopened = open_context(context.path)
    settings = reopened.settings.load()
    reopened.close()
    assert (settings.iban, settings.payment_terms_days) == ("GB82WEST12345698765432", 45)


def test_a_refused_save_stores_nothing_and_audits_nothing(context: AppContext) -> None:
    context.settings.save({"city": "Boston"})
    with pytest.raises(ValidationError) as caught:
        context.settings.save({"city": "Berlin", "iban": "DE00 0000"})
    assert list(caught.value.field_errors) == ["iban"]
    assert context.settings.load().city == "Boston"
    assert [r.new_value for r in context.audit.history("settings") if r.field == "city"] == [
        "Boston"
    ]


def test_every_change_is_audited_with_who_when_old_and_new(context: AppContext) -> None:
    context.settings.save({"signatory_name": "Ada"})
    context.settings.save({"signatory_name": "Grace", "payment_terms_days": 60})
    history = [r for r in context.audit.history("settings") if r.action == "update"]
    assert {(r.field, r.old_value, r.new_value) for r in history} == {
        ("signatory_name", "Ada", "Grace"),
        ("payment_terms_days", "30", "60"),
    }
    assert all(r.actor == context.actor and r.occurred_at.tzinfo is not None for r in history)
    created = [r for r in context.audit.history("settings") if r.action == "create"]
    assert ("signatory_name", None, "Ada") in {(r.field, r.old_value, r.new_value) for r in created}


class _OtherBase(DeclarativeBase):
    pass


class _Widget(Synced, Audited, _OtherBase):
    """A record of a kind the settings know nothing about: the trail must cover it too."""

    __tablename__ = "test_widgets"
    __audit_entity__ = "widget"
    name: Mapped[str] = mapped_column(String(50))


def test_the_audit_trail_covers_any_audited_model() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[AuditEntry.__table__])  # type: ignore[list-item]
    _OtherBase.metadata.create_all(engine)
    factory = sessionmaker(engine, info={"actor": "tester"}, expire_on_commit=False)
    install_audit_trail(factory)
    with factory.begin() as session:
        widget = _Widget(name="first")
        session.add(widget)
    with factory.begin() as session:
        session.get(_Widget, widget.id).name = "second"  # type: ignore[union-attr]
    with factory.begin() as session:
        session.get(_Widget, widget.id).deleted = True  # type: ignore[union-attr]
    with Session(engine) as session:
        entries = session.query(AuditEntry).order_by(AuditEntry.occurred_at).all()
        rows = [(e.action, e.field, e.old_value, e.new_value, e.actor) for e in entries]
    assert isinstance(widget.id, uuid.UUID)
    # A creation is one entry holding the record's fields.
    assert ("create", "*", None, '{"name":"first"}', "tester") in rows
    assert ("update", "name", "first", "second", "tester") in rows
    assert ("delete", "deleted", "no", "yes", "tester") in rows
    assert {e.entity_type for e in entries} == {"widget"}
