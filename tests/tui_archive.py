"""A small deterministic LinkedIn-shaped export for the terminal UI's tests and snapshots.

Shaped like a 2026 ``Complete_LinkedInDataExport`` (linkedin.md): a Profile.csv whose Geo Location puts the
member in the EU, Shares.csv with posts over several years (one holding Rich markup that must be shown as
typed), Comments.csv, a fully quoted messages.csv with two conversations, Connections.csv with its
``Notes:`` preamble, a file no rule knows, and one member whose bytes are corrupt (its CRC fails), so the
dashboard has an unrecognized and a failed file to show. Fixed timestamps in the zip keep it byte-identical.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from exportscope.pipeline import Options

AS_OF = date(2026, 11, 29)
OPTIONS = Options(as_of=AS_OF)
NAME = "Complete_LinkedInDataExport_03-09-2026.zip"

MARKUP_POST = "Release notes: [bold]not bold[/bold] and [link=https://x]not a link[/link] [red]plain[/]"

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Ada,Example,,,Mar 7,Engineer at Example Ltd,"Builds data tools, mostly in Python.",Software Development,,'
    '"Berlin, Germany",,,\n'
)

SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    f'2025-07-01 14:33:22,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001,"{MARKUP_POST}",,,'
    "MEMBER_NETWORK\n"
    "2025-03-12 08:05:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7002,"
    '"Café opening in Berlin, come by!",,,MEMBER_NETWORK\n'
    "2024-11-20 17:45:10,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7003,"
    '"Our team is hiring data engineers.",,,CONNECTIONS\n'
    "2023-06-02 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7004,"
    '"Notes from PyCon: streaming parsers beat loading everything.",,,MEMBER_NETWORK\n'
    "2023-01-15 12:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7005,"
    '"New year, new job!",,,MEMBER_NETWORK\n'
    "2021-09-30 18:20:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7006,"
    '"First post here.",,,MEMBER_NETWORK\n'
)

COMMENTS = (
    "Date,Link,Message\n"
    "2025-06-29 12:20:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7101,Merci pour le partage !\n"
    "2024-02-10 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7102,Great talk.\n"
    "2022-05-05 07:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7103,Congratulations!\n"
)

MESSAGES = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE",'
    '"SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n'
    '"conv-0001","","Ada Example","https://www.linkedin.com/in/ada-example","Ben Sample",'
    '"https://www.linkedin.com/in/ben-sample","2025-11-20 09:15:02 UTC","","Hi Ben,\nsee you Monday.","INBOX",""\n'
    '"conv-0001","","Ben Sample","https://www.linkedin.com/in/ben-sample","Ada Example",'
    '"https://www.linkedin.com/in/ada-example","2025-11-20 10:01:44 UTC","","See you!","INBOX",""\n'
    '"conv-0002","","Cleo Person","https://www.linkedin.com/in/cleo-person","Ada Example",'
    '"https://www.linkedin.com/in/ada-example","2024-04-02 16:00:00 UTC","","Are you free for a call?","INBOX",""\n'
    '"conv-0002","","Ada Example","https://www.linkedin.com/in/ada-example","Cleo Person",'
    '"https://www.linkedin.com/in/cleo-person","2024-04-02 16:30:00 UTC","","Yes, 5pm works.","INBOX",""\n'
)

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ben,Sample,https://www.linkedin.com/in/ben-sample,,Sample GmbH,Designer,20 Mar 2024\n"
    "Cleo,Person,https://www.linkedin.com/in/cleo-person,,Person AG,CTO,02 Apr 2024\n"
    ",,,,,,07 Jun 2025\n"
)

MYSTERY = "Feature,Value\nalpha,1\n"

INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Ada Example,Dan Other,"1/12/25, 9:14 AM",Hello Dan,OUTGOING,,\n' * 40
)

_STAMP = (2026, 3, 9, 12, 0, 0)


def build(folder: Path) -> Path:
    """Write the archive into ``folder`` and return its path (same bytes on every run)."""
    path = folder / NAME
    members = [
        ("Profile.csv", PROFILE),
        ("Shares.csv", SHARES),
        ("Comments.csv", COMMENTS),
        ("messages.csv", MESSAGES),
        ("Connections.csv", CONNECTIONS),
        ("Mystery_Feature.csv", MYSTERY),
        ("Invitations.csv", INVITATIONS),
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    _corrupt(path, "Invitations.csv")
    return path


def _corrupt(path: Path, member: str) -> None:
    """Flip bytes in the middle of one member's compressed data, as a truncated download or a bad disk
    does: the zip directory stays valid, reading the member fails its CRC or inflate."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    data = bytearray(path.read_bytes())
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26 : header + 28], "little")
    extra_len = int.from_bytes(data[header + 28 : header + 30], "little")
    start = header + 30 + name_len + extra_len
    mid = start + info.compress_size // 2
    for i in range(mid, mid + 4):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
