"""The member register: organizations, contacts, memberships, search, import and export."""
