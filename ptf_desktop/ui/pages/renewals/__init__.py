"""The Renewals area: the renewal calendar, actions on a member, preparing a year."""
