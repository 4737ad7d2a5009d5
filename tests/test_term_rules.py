"""The term-rule settings and the seeded fee schedule of migration 0004."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.foundation_settings import FoundationSettings, validate_settings
from ptf_desktop.domain.term_rules import TermRules
from ptf_desktop.persistence.opening import open_database

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

DEFAULTS = FoundationSettings()


def test_default_term_rules_are_those_of_the_participation_agreements() -> None:
    rules = DEFAULTS.term_rules()
    assert rules == TermRules()
    assert rules.premier_commitment_years == 2
    assert rules.fee_increase_notice_date(2026) == date(2026, 10, 15)
    assert rules.non_renewal_deadline_date(2026) == date(2026, 12, 1)
    assert rules.grace_days == 60
    assert rules.reminder_offsets == (90, 60, 30, 0, -15)


def test_term_rules_are_cleaned() -> None:
    settings = validate_settings(
        DEFAULTS,
        {
            "fee_increase_notice_date": " 9-1 ",
            "reminder_offsets": "-15, 30 90,30",
            "grace_days": "45",
            "premier_commitment_years": 3,
        },
    )
    assert settings.fee_increase_notice_date == "09-01"
    assert settings.reminder_offsets == "90,30,-15"
    assert settings.grace_days == 45
    assert settings.term_rules().premier_commitment_years == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fee_increase_notice_date", "15/10", "MM-DD"),
        ("non_renewal_notice_deadline", "02-29", "not a day that exists every year"),
        ("non_renewal_notice_deadline", "13-01", "not a day that exists every year"),
        ("grace_days", "-1", "between 0 and 365"),
        ("grace_days", "sixty", "whole number"),
        ("premier_commitment_years", "0", "between 1 and 10"),
        ("reminder_offsets", "", "at least one"),
        ("reminder_offsets", "90, soon", "'soon' is not a whole number"),
        ("reminder_offsets", "400", "more than a year"),
    ],
)
def test_bad_term_rules_are_refused_with_a_reason(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_settings(DEFAULTS, {field: value, "grace_days": 30} | {field: value})
    assert message in caught.value.field_errors[field]


def test_the_initial_fee_schedule_carries_the_published_figures(database_path: Path) -> None:
    open_database(database_path)
    with closing(sqlite3.connect(database_path)) as connection:
        schedules = connection.execute("SELECT name, effective_from FROM fee_schedules").fetchall()
        entries = connection.execute(
            "SELECT kind, min_employees, max_employees, amount_minor, currency, to_be_confirmed"
            " FROM fee_entries ORDER BY kind, min_employees"
        ).fetchall()
        settings_columns = {
            row[1] for row in connection.execute("PRAGMA table_info(organizations)")
        }
    assert schedules == [("Published fees", "2022-09-01")]
    assert ("premier", 0, None, 15_000_000, "USD", 0) in entries
    assert ("associate", 0, None, 0, "USD", 0) in entries
    general = [
        (low, high, amount) for kind, low, high, amount, _, _ in entries if kind == "general"
    ]
    assert general == [
        (1, 499, 2_500_000),
        (500, 999, 3_000_000),
        (1_000, 2_999, 3_500_000),
        (3_000, 4_999, 4_000_000),
        (5_000, None, 5_000_000),
    ]
    silver = [(low, high, tbc) for kind, low, high, _, _, tbc in entries if kind == "lf_silver"]
    assert silver == [(0, 99, 1), (100, 499, 1), (500, 4_999, 1), (5_000, None, 1)]
    assert {"renewal_intent", "non_renewal_notice_on", "next_tier", "commitment_end"} <= (
        settings_columns
    )
