"""Reports as PDF: every script drawn, heading repeated, page i of N, metadata."""

from __future__ import annotations

from pathlib import Path

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext

from helpers.members import add_member
from helpers.pdf_checks import check_document, normalise, page_count, pdftotext
from helpers.pdf_reading import page_size, render_page

SCREENSHOTS = Path("/tmp/rp")


def test_member_list_pdf_draws_every_tricky_name_on_landscape_pages(
    context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    context.settings.save({"legal_name": "PyTorch Foundation"})
    for name in tricky_names:
        add_member(context, name, Tier.GENERAL)
    for number in range(60):  # enough rows for several pages
        add_member(context, f"Filler Member {number:02d}", Tier.ASSOCIATE)
    names = [row[1] for row in context.reports.build("member-list").rows]
    out = tmp_path / "members.pdf"

    report = context.reports.export("member-list", out)

    check_document(
        out,
        expected_text=[name for name in names if len(name) < 60],
        title="Member list by tier",
        author="PyTorch Foundation",
        subject=f"{report.subtitle} · Made {report.generated_at:%Y-%m-%d %H:%M}",
    )
    pages = page_count(out)
    assert pages >= 2
    for page in range(1, pages + 1):  # the heading row is repeated on every page
        text = normalise(pdftotext(out, first=page))
        assert "Organization" in text and "Member since" in text
    width, height = page_size(out)
    assert width > height  # landscape
    SCREENSHOTS.mkdir(exist_ok=True)
    render_page(out, 1, dpi=60).save(SCREENSHOTS / "tricky-1.png")


def test_board_composition_pdf(context: AppContext, tmp_path: Path) -> None:
    premier = add_member(context, "شركة أرامكو السعودية", Tier.PREMIER)
    context.organizations.add_contact(
        premier, {"name": "Vera Voter", "roles": ["voting_representative"]}
    )
    out = tmp_path / "board.pdf"
    report = context.reports.export("board-composition", out)
    check_document(
        out,
        expected_text=["Board composition", "Premier seat 1", "Vera Voter", "Page 1 of 1"],
        title="Board composition",
        author="PyTorch Foundation",
        subject=f"{report.subtitle} · Made {report.generated_at:%Y-%m-%d %H:%M}",
    )
