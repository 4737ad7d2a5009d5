"""Billing rules: document lines and totals, statuses, payments, credit notes, numbering.

Pure Python over ``domain.money``; the services apply these rules to stored records.
"""
