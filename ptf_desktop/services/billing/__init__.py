"""Quotes, invoices, payments, credit notes and receivables: the billing use cases."""
