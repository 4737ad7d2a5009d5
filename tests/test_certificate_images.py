"""The logo and signature, prepared once per process, are drawn the same in every document."""

from __future__ import annotations

from pathlib import Path

from certificate_samples import logo, render, sample_document

from ptf_desktop.documents import certificate_images

from helpers.pdf_resources import images_drawn


def images_of(data: bytes, tmp_path: Path) -> list[tuple[str, int, int]]:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return images_drawn(path)


def test_the_first_and_later_documents_carry_the_same_images(tmp_path: Path) -> None:
    certificate_images._prepare.cache_clear()
    first = render(sample_document())
    again = render(sample_document())
    other = render(sample_document(legal_name="株式会社テスト"))
    assert certificate_images._prepare.cache_info().misses == 1
    assert first == again
    logo_only = [("image", 256, 256), ("smask", 256, 256)]
    assert images_of(first, tmp_path) == logo_only
    assert images_of(other, tmp_path) == logo_only


def test_a_signature_image_is_drawn_besides_the_logo(tmp_path: Path) -> None:
    signature = logo().read_bytes()  # any PNG with transparency will do
    with_signature = render(sample_document(), signature_image=signature)
    # Drawn twice: the logo at the top and the signature over the line.
    assert images_of(with_signature, tmp_path) == [
        ("image", 256, 256),
        ("smask", 256, 256),
        ("image", 256, 256),
        ("smask", 256, 256),
    ]
