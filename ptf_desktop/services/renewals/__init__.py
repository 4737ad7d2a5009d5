"""Fees and renewals: fee schedules, pricing organizations, the renewal calendar."""
