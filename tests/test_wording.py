"""Tests for ptf_desktop.domain.wording: a/an and plurals around tiers, names and counts."""

from __future__ import annotations

import pytest

from ptf_desktop.domain.organizations import LABELS, Tier
from ptf_desktop.domain.renewals import reminder_label
from ptf_desktop.domain.wording import count_of, indefinite_article, plural, with_article


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("Associate", "an"),
        ("General", "a"),
        ("Premier", "a"),
        ("hour", "an"),
        ("honorary", "an"),
        ("university", "a"),
        ("European", "a"),
        ("one-year", "a"),
        ("MBA", "an"),
        ("NGO", "an"),
        ("US", "a"),
        ("8-year", "an"),
        ("11", "an"),
        ("5", "a"),
        ("umbrella", "an"),
        ("", "a"),
    ],
)
def test_the_article_follows_the_sound_of_the_next_word(word: str, article: str) -> None:
    assert indefinite_article(word) == article


def test_every_tier_reads_right_after_its_article() -> None:
    phrases = {tier: with_article(f"{LABELS[tier.value]} member") for tier in Tier}

    assert phrases[Tier.ASSOCIATE] == "an Associate member"
    assert phrases[Tier.GENERAL] == "a General member"
    assert phrases[Tier.PREMIER] == "a Premier member"


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0 invoices"),
        (1, "1 invoice"),
        (2, "2 invoices"),
        (-1, "-1 invoice"),
        (1200, "1,200 invoices"),
    ],
)
def test_counts_take_the_singular_only_for_one(count: int, text: str) -> None:
    assert count_of(count, "invoice") == text


def test_irregular_plurals_are_given() -> None:
    assert plural(2, "entry", "entries") == "entries"
    assert count_of(1, "entry", "entries") == "1 entry"


def test_reminder_labels_count_days() -> None:
    assert reminder_label(1) == "1 day before the term ends"
    assert reminder_label(30) == "30 days before the term ends"
    assert reminder_label(-1) == "1 day after the term ended"
