"""The Quotes and Invoices pages: lists, editors, payments, credit notes and documents."""
