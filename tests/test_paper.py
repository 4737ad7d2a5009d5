"""One list of US Letter countries: invoices, certificates and letters all follow it."""

from __future__ import annotations

from dataclasses import replace

import pycountry
import pytest
from reportlab.lib.pagesizes import A4, LETTER

from ptf_desktop.documents.certificate import border_box
from ptf_desktop.documents.layout import page_size_for
from ptf_desktop.domain import certificates
from ptf_desktop.domain.paper import LETTER_COUNTRIES, PageSize, page_size_for_country
from tests.test_domain_certificates import make_content

EVERY_COUNTRY = sorted(country.alpha_2 for country in pycountry.countries)


@pytest.mark.parametrize(
    ("country", "size"),
    [("US", PageSize.LETTER), (" ca ", PageSize.LETTER), ("mx", PageSize.LETTER)]
    + [("PR", PageSize.LETTER), ("DE", PageSize.A4), ("GB", PageSize.A4), ("", PageSize.A4)],
)
def test_paper_follows_the_country_in_any_case(country: str, size: PageSize) -> None:
    assert page_size_for_country(country) is size


def test_the_letter_countries_are_real_country_codes() -> None:
    assert LETTER_COUNTRIES <= set(EVERY_COUNTRY)
    assert {"US", "CA", "MX"} <= LETTER_COUNTRIES
    assert not {"DE", "FR", "GB", "JP", "IN", "AU"} & LETTER_COUNTRIES


def test_certificates_use_the_one_list_of_the_domain() -> None:
    # The certificates module keeps its names for callers, but they are the same objects.
    assert certificates.LETTER_COUNTRIES is LETTER_COUNTRIES
    assert certificates.PageSize is PageSize


def test_invoices_and_certificates_agree_for_every_country() -> None:
    letter = (float(LETTER[0]), float(LETTER[1]))
    a4 = (float(A4[0]), float(A4[1]))
    content = make_content()
    for code in EVERY_COUNTRY:
        certificate_paper = replace(content, country=code).page_size
        invoice_paper = page_size_for(code.lower())
        if code in LETTER_COUNTRIES:
            assert (certificate_paper, invoice_paper) == (PageSize.LETTER, letter), code
        else:
            assert (certificate_paper, invoice_paper) == (PageSize.A4, a4), code
    # The landscape certificate of a Letter country is drawn on landscape Letter.
    assert border_box(PageSize.LETTER)[2] < border_box(PageSize.A4)[2]
