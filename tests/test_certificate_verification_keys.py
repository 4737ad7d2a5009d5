

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
