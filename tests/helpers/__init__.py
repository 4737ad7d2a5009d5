"""Programs and helpers used by the tests, not collected as tests themselves."""
