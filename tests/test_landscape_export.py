"""The members landscape: layout of landscape.yml, who is in it, logos, tricky names."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from ptf_desktop.cli.main import main
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.landscape import LandscapeMember, logo_file_names
from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.services.context import AppContext

from helpers.members import PNG, SVG, add_member

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(10)),
    *(f"LPT{n}" for n in range(10)),
}


def items_by_tier(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    [category] = document["landscape"]
    assert category["category"] is None and category["name"] == "PyTorch Foundation Members"
    return {sub["name"]: sub["items"] for sub in category["subcategories"]}


def test_current_members_by_tier_with_logo_and_approved_testimonial(
    context: AppContext, tmp_path: Path
) -> None:
    premier = add_member(context, "Meta Platforms", Tier.PREMIER, website="https://meta.com")
    context.organizations.set_logo(premier, SVG, "image/svg+xml")
    context.organizations.add_testimonial(
        premier, "Old Voice", "Older approved words.", date(2025, 1, 1), approved=True
    )
    context.organizations.add_testimonial(
        premier, "Ann Author", "PyTorch is our base.", date(2026, 3, 1), approved=True
    )
    context.organizations.add_testimonial(
        premier, "Not Yet", "Draft words.", date(2026, 4, 1), approved=False
    )
    grace = add_member(context, "Grace Co", Tier.GENERAL, status=MembershipStatus.GRACE)
    context.organizations.set_logo(grace, PNG, "image/png")
    draft_only = add_member(context, "Drafty", Tier.GENERAL)
    context.organizations.add_testimonial(draft_only, "P", "Unapproved.", date(2026, 1, 2))
    add_member(context, "Campus", Tier.ASSOCIATE, website="https://campus.edu")
    add_member(context, "Gone", Tier.GENERAL, status=MembershipStatus.LAPSED)
    add_member(context, "Quit", Tier.GENERAL, status=MembershipStatus.CANCELLED)
    context.organizations.create(
        {"display_name": "Prospect", "org_type": "commercial", "country": "US"}
    )

    written = context.landscape.export(tmp_path / "out")

    document = yaml.safe_load(written.landscape_file.read_text("utf-8"))
    tiers = items_by_tier(document)
    assert list(tiers) == ["Premier", "General", "Associate"]
    [meta] = tiers["Premier"]
    assert meta == {
        "item": None, "name": "Meta Platforms", "homepage_url": "https://meta.com",
        "logo": "meta_platforms.svg",
        "extra": {"testimonial": "PyTorch is our base.", "testimonial_by": "Ann Author"},
    }  # fmt: skip
    assert [item["name"] for item in tiers["General"]] == ["Drafty", "Grace Co"]
    assert all("extra" not in item for item in tiers["General"] + tiers["Associate"])
    assert (written.logo_folder / "meta_platforms.svg").read_bytes() == SVG
    assert (written.logo_folder / "grace_co.png").read_bytes() == PNG
    assert written.without_logo == ("Campus", "Drafty")
    assert (written.members, written.logos) == (4, 2)
    text = written.landscape_file.read_text("utf-8")
    assert text.startswith("landscape:\n- category:\n  name: PyTorch Foundation Members\n")


def test_every_tricky_name_round_trips_and_every_logo_name_is_portable(
    context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    expected = {}
    for number, name in enumerate(tricky_names):
        org = add_member(context, name, Tier.GENERAL)
        context.organizations.set_logo(org, PNG, "image/png")
        context.organizations.add_testimonial(
            org, name, f"{name}: «quoted» \"words\"\nsecond line #{number}", date(2026, 1, 1),
            approved=True,
        )  # fmt: skip
        details = context.organizations.get(org)
        [testimonial] = details.testimonials
        expected[details.fields.display_name] = (testimonial.text, testimonial.person)

    written = context.landscape.export(tmp_path / "out")

    items = items_by_tier(yaml.safe_load(written.landscape_file.read_text("utf-8")))["General"]
    got = {
        item["name"]: (item["extra"]["testimonial"], item["extra"]["testimonial_by"])
        for item in items
    }
    assert got == expected and len(items) == len(tricky_names)
    stored = list(expected)
    files = sorted(os.listdir(written.logo_folder))
    assert sorted(item["logo"] for item in items) == files
    assert len({name.casefold() for name in files}) == len(files) == len(stored)
    for file in files:
        stem = file.rsplit(".", 1)[0]
        assert not set('/\\<>:"|?*') & set(file) and not any(ord(c) < 32 for c in file)
        assert stem.split(".")[0].upper() not in RESERVED
        assert len(file.encode()) <= 160 and not file.startswith(".")
    assert "_con.png" in files


def test_logo_names_are_unique_even_when_case_and_punctuation_differ() -> None:
    members = [
        LandscapeMember("1", "Acme Inc", Tier.GENERAL, "", "image/png"),
        LandscapeMember("2", "ACME INC", Tier.GENERAL, "", "image/png"),
        LandscapeMember("3", "Acme/Inc", Tier.GENERAL, "", "image/png"),
        LandscapeMember("4", "///", Tier.GENERAL, "", "image/jpeg"),
        LandscapeMember("5", "No Logo", Tier.GENERAL, ""),
    ]
    assert logo_file_names(members) == {
        "1": "acme_inc.png", "2": "acme_inc_2.png", "3": "acme_inc_3.png", "4": "member.jpg",
    }  # fmt: skip


def test_a_second_export_replaces_the_first_completely(context: AppContext, tmp_path: Path) -> None:
    first = add_member(context, "First", Tier.GENERAL)
    context.organizations.set_logo(first, PNG, "image/png")
    out = tmp_path / "out"
    context.landscape.export(out)
    context.memberships.set_status(first, MembershipStatus.LAPSED)
    second = add_member(context, "Second", Tier.GENERAL)
    context.organizations.set_logo(second, PNG, "image/png")
    context.landscape.export(out)
    assert sorted(os.listdir(out)) == ["landscape.yml", "logos"]
    assert os.listdir(out / "logos") == ["second.png"]


def test_a_full_disk_is_explained_and_the_previous_export_kept(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = add_member(context, "Kept", Tier.GENERAL)
    context.organizations.set_logo(kept, PNG, "image/png")
    out = tmp_path / "out"
    context.landscape.export(out)
    before = (out / "landscape.yml").read_text("utf-8")
    add_member(context, "New", Tier.GENERAL)

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(UserError, match="the disk is full"):
        context.landscape.export(out)
    assert (out / "landscape.yml").read_text("utf-8") == before
    assert sorted(os.listdir(out)) == ["landscape.yml", "logos"]  # no temporary left over
    assert os.listdir(out / "logos") == ["kept.png"]


def test_a_file_where_the_folder_should_be_is_explained(
    context: AppContext, tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(UserError, match="Cannot export to"):
        context.landscape.export(tmp_path / "taken")


def test_ptf_export_landscape_warns_about_missing_logos(
    context: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_logo = add_member(context, "With Logo", Tier.GENERAL, website="https://logo.example")
    context.organizations.set_logo(with_logo, PNG, "image/png")
    add_member(context, "R&D <b>Labs</b> GmbH", Tier.GENERAL, website="https://rd.example")
    out = tmp_path / "site"
    status = main(["--database", str(context.path), "export", "landscape", "--out", str(out)])
    output = capsys.readouterr().out
    assert status == 0
    assert f"Wrote {out / 'landscape.yml'}: 2 current members." in output
    assert f"Wrote 1 logo to {out / 'logos'}." in output
    assert (
        "Warning: 1 member with no logo (listed without one):\n  R&D <b>Labs</b> GmbH\n" in output
    )
    assert "no website" not in output


def test_ptf_export_landscape_into_a_file_fails_with_one_line(
    context: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    status = main(
        ["--database", str(context.path), "export", "landscape", "--out", str(tmp_path / "file")]
    )
    assert status == 1
    assert capsys.readouterr().err.startswith("ptf: error: Cannot export to")
