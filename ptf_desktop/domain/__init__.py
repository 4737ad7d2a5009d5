"""Pure business rules: money, settings validation, errors. No Qt, no database."""
