"""Reading uploaded tables (CSV and XLSX) into rows that remember where they came from.

Shared by every import of Lianbing (roster, question banks, fact sheets), so
that each reports problems the same way: file, row, column.
"""
