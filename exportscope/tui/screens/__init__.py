"""Screens of the terminal UI: dashboard, browser, opt out, findings, export, help."""
