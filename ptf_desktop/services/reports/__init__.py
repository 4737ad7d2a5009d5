"""Reports: a title, typed columns and rows of typed values, exported to CSV, XLSX and PDF.

``domain/reports.py`` holds the plain model, ``catalog.py`` the reports by name, one small
module per report (``board_composition.py``, ``member_list.py``), and
``csv_export.py``/``xlsx_export.py`` and ``documents/report_pdf.py`` the writers chosen by
``export.py`` from the file's extension. A new report is one module with its
``COLUMNS`` and ``content`` and one line in the catalog.
"""
