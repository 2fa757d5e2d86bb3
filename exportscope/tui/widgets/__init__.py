"""Widgets of the terminal UI: platform cards, the virtual item table, the detail pane."""
