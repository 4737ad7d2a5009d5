"""Dialogs: about, crash report, database problems, restore from backup."""
