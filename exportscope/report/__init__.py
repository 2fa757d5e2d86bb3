"""Output writers behind one registry: summary reports (json, markdown, html) and item tables.

Item tables (``items``) are in :mod:`exportscope.report.items`; report formats register themselves in
:data:`REPORT_FORMATS` by suffix.
"""
