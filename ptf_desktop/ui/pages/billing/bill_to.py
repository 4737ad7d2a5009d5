"""The bill-to details a new invoice or quote starts from: the organization's, editable."""

from __future__ import annotations

from ....domain.organizations import ContactRole
from ....services.billing.records import BillTo
from ....services.register.organization_records import OrganizationDetails


def bill_to_of(organization: OrganizationDetails) -> BillTo:
    """The organization's legal name, address, VAT ID and billing contact (name, e-mail)."""
    fields = organization.fields
    billing = next(
        (
            contact.fields
            for contact in organization.contacts
            if contact.fields.email and ContactRole.BILLING in contact.fields.roles
        ),
        None,
    )
    return BillTo(
        name=fields.legal_name or fields.display_name,
        address_line1=fields.address_line1,
        address_line2=fields.address_line2,
        city=fields.city,
        region=fields.region,
        postal_code=fields.postal_code,
        country=fields.country,
        email=billing.email if billing else "",
        vat_id=fields.vat_id,
        reference="",
        contact=billing.name if billing else "",
    )
