"""What a person does after seeing what is exposed: the to-do list, the clean-up worklist, letters to the
platform, and the comparison of two exports.

Each module has one job: :mod:`~exportscope.actions.todo` ranks the actions for the person's region and export,
:mod:`~exportscope.actions.answers` re-classifies on the person's answers without reading again,
:mod:`~exportscope.actions.worklist` ranks the items to clean up (:mod:`~exportscope.actions.worklist_out`
writes it), :mod:`~exportscope.actions.letter` builds an objection letter (:mod:`~exportscope.actions.letter_render`
writes it), :mod:`~exportscope.actions.diff` compares two analyses of one account,
:mod:`~exportscope.actions.ticked` reads the ticked worklist for the erasure check, and
:mod:`~exportscope.actions.diff_render` writes the comparison. Headless: nothing here imports textual or typer.
"""
