"""``python -m exportscope`` runs the CLI (through :mod:`exportscope.launch`, as the installed command does).

Guarded: the reading worker process (``spawn``) imports the parent's main module, which must not start a
second CLI run; the CLI is imported under the guard too, so the worker never loads typer for nothing.
"""

if __name__ == "__main__":
    from exportscope.launch import main

    main()
