"""``python -m exportscope`` runs the CLI."""

from exportscope.cli import main

main()
