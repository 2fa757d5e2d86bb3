"""What a person does after seeing what is exposed: letters to the platform, and the comparison of two exports.

Each module has one job: :mod:`~exportscope.actions.letter` builds an objection letter from an analysis,
:mod:`~exportscope.actions.letter_render` writes it, :mod:`~exportscope.actions.diff` compares two analyses of
one account, :mod:`~exportscope.actions.worklist` reads the ticked clean-up worklist for the erasure check,
:mod:`~exportscope.actions.diff_render` writes the comparison. Nothing here imports textual or typer.
"""
