"""The terminal UI (``exportscope inspect``): the only package that imports textual."""
