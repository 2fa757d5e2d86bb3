"""Which inputs are one export of one account at one date: parts, copies, older exports, other accounts.

A person's Downloads folder holds several exports of one account taken months apart, Basic and Complete
parts, an export unzipped beside its zip, and exports of a partner's account. Merging them by platform
alone loses data silently (a file of the same name in an older export counts once) or mixes two people (one
account's private setting decides the other's verdicts). So every input is identified by what it holds:

- :class:`AccountIdentity`: who the account is, per export, read from the export's own profile files (the
  name, username, account id, e-mail, profile URL and phone number it states), each with the member it was
  found in. Each platform family derives it (``Platform.account``); :func:`derive` is the entry point.
- :func:`compare_accounts` / :func:`same_account`: whether two identities are one account. Only stable
  identifiers prove it (an account id, a username, an e-mail, a profile URL, a phone number); a name alone is
  weak evidence, used only when nothing else is stated on either side.
- :class:`ExportEntry` and :class:`ExportRole`: every export a run saw, with its role. The newest export of
  an account is *analysed*; further parts of it are *parts*; the same export given twice (a zip and its
  unzipped folder, a Mac re-zip) is a *copy*; older exports of the same account are *older*: listed, not
  counted, for a later comparison. ``Analysis.export_entries`` lists them; ``Analysis.exports[i].account``
  is the identity of analysed export ``i``.

The parts, one job each: :mod:`.account` (the identity value, merged over parts, derived per export),
:mod:`.compare` (one account or not), :mod:`.exports` (the roles and entries), :mod:`.grouping` (inputs into
exports). Every name is importable from ``exportscope.identity``, as before the split. This package holds
values and pure decisions only: no reader, no polars, nothing of the pipeline.
"""

from __future__ import annotations

from exportscope.identity.account import FROM_FILE_NAME, AccountIdentity, Identifier, derive, merge_identities
from exportscope.identity.compare import STRONG, AccountMatch, compare_accounts, normalise, same_account
from exportscope.identity.exports import ExportEntry, ExportRole
from exportscope.identity.grouping import Candidate, Grouping, group_exports

__all__ = [
    "FROM_FILE_NAME",
    "STRONG",
    "AccountIdentity",
    "AccountMatch",
    "Candidate",
    "ExportEntry",
    "ExportRole",
    "Grouping",
    "Identifier",
    "compare_accounts",
    "derive",
    "group_exports",
    "merge_identities",
    "normalise",
    "same_account",
]
