"""PDF documents rendered with ReportLab.

Fonts, and later quotes, invoices, credit notes, certificates and letters. Never imports
Qt or the database.
"""
