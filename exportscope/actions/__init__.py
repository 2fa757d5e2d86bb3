"""From exposure to action: the to-do list, the clean-up worklist (and, from other issues, letters and diff).

Headless: nothing here imports textual or typer. Each module turns an analysis (or the summary document) into
typed values; the CLI, the reports and the terminal UI only render them.
"""
