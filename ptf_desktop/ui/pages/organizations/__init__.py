"""The Organizations area: the list of the member register, its filters and its editor.

``list_page.OrganizationsPage`` is the page the main window shows; the table model pages
through the register in SQL so that 100,000 organizations stay smooth.
"""
