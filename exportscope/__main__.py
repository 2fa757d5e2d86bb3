"""``python -m exportscope`` runs the CLI.

Guarded: the reading worker process (``spawn``) imports the parent's main module, which must not start a
second CLI run.
"""

from exportscope.cli import main

if __name__ == "__main__":
    main()
