"""A deterministic LinkedIn-shaped archive holding the awkward values a report must survive.

Accents, emoji, HTML markup and ``<script>``, Markdown markup, a leading ``=``, NUL bytes, empty (null)
fields, timestamps with and without a zone, an unrecognized member whose name is markup, a member that
fails (bad CRC), photos with GPS EXIF, and personal data in public posts for the findings. All invented.
The zip is written byte-for-byte identically every time (fixed member dates, fixed order).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 29)
NAME = "Complete_LinkedInDataExport_11-20-2026.zip"
SCRIPT = '<script>alert("pwned")</script>'
IMG_ATTR = "<img src=x onerror=alert(1)>"

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Zoé,Dupont-Łukasz,,"12 rue de la Paix, 75002 Paris","Mar 7, 2007",'
    '"Ingénieure <b>données</b> & IA 🚀","=HYPERLINK(""http://evil.example"") — write to zoe.dupont@example.fr",'
    'Software,75002,"Paris, Île-de-France, France",,,\n'
)

# D3 timestamps (no zone), the Visibility column, multi-line commentary, markup of every kind.
SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    "2026-03-01 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000001,"
    f'"Bonjour 👋 {SCRIPT.replace(chr(34), chr(34) * 2)} — merci à @ben_sample et Ada Lovelace '
    'pour le café ☕",,,MEMBER_NETWORK\n'
    "2025-12-31 23:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000002,"
    '"=SUM(A1:A9) is not a formula here. Call me on 06 12 34 56 78 or +44 20 7946 0958; '
    'the meetup is on 2025-11-03 at 10:30 in room 1234567.",,,PUBLIC\n'
    "2024-06-15 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000003,"
    '"Moved to 221B Baker Street! Born on 7 March 2007, so this is my first job. '
    '**bold** [x](javascript:alert(1)) | a | b",,,MEMBER_NETWORK\n'
    "2024-01-02 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000004,"
    f'"Only my connections see this {IMG_ATTR}",,,CONNECTIONS\n'
    "2023-05-05 12:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000005,,,,PUBLIC\n"
)

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-example,,Example Ltd,Engineer,20 Mar 2024\n"
    "Ben,Sample,https://www.linkedin.com/in/ben-sample,ben.sample@example.com,Sample & Co,CTO,01 Feb 2023\n"
    ",,,,,,07 Jun 2025\n"
)

MESSAGES = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE",'
    '"SUBJECT","CONTENT","FOLDER"\n'
    '"conv-1","","Ben Sample","https://www.linkedin.com/in/ben-sample","Zoé Dupont-Łukasz","",'
    '"2025-11-20 09:15:02 UTC","","Private: my number is 07700 900123","INBOX"\n'
)

GUIDE = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","DATE","SUBJECT","CONTENT","FOLDER",'
    '"ATTACHMENTS"\n'
    '"ai-1","","Zoé Dupont-Łukasz","","LinkedIn Guide","2026-01-05 08:00:00 UTC","","Rewrite my CV for '
    'zoe.dupont@example.fr please","INBOX",""\n'
)

# Timestamps written with a zone (D4 "UTC", D7 "UTC" in the middle), one on a year boundary.
ENDORSEMENTS = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n"
    "2025/12/31 23:59:59 UTC,Python,Ben,Sample,www.linkedin.com/in/ben-sample,ACCEPTED\n"
)
LOGINS = "Login Date,IP Address,User Agent,Login Type\nWed Mar 13 18:51:14 UTC 2024,203.0.113.9,Mozilla/5.0,WEB\n"

SKILLS = (
    "Name\nPython\nÉcriture <technique>\n"
    '"Null\x00byte, a tab\there & <i>italics</i>"\n'
    '"# not a heading | ~~strike~~ $x$"\n'
)
POSITIONS = "Company Name,Title,Description,Location,Started On,Finished On\nAcme,Data <Engineer>,,Paris,Jan 2025,\n"


def jpeg_with_exif(gps: tuple[float, float] | None, make: str = "Canon", model: str = "Canon EOS 80D") -> bytes:
    """A small real JPEG carrying camera, date and (optionally) GPS EXIF, as a phone would write it."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x8769] = {0x9003: "2021:06:05 14:03:10"}
    if gps is not None:
        lat, lon = gps

        def dms(v: float) -> tuple[float, float, float]:
            v = abs(v)
            d = int(v)
            m = int((v - d) * 60)
            return (float(d), float(m), round((v - d - m / 60) * 3600, 2))

        exif[0x8825] = {1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)}
    buf = io.BytesIO()
    Image.new("RGB", (32, 24), (180, 40, 40)).save(buf, "JPEG", exif=exif.tobytes(), quality=80)
    return buf.getvalue()


def png_plain() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


def members() -> list[tuple[str, bytes]]:
    return [
        ("Profile.csv", PROFILE.encode()),
        ("Shares.csv", SHARES.encode()),
        ("Connections.csv", CONNECTIONS.encode()),
        ("Skills.csv", SKILLS.encode()),
        ("Endorsement_Received_Info.csv", ENDORSEMENTS.encode()),
        ("Logins.csv", LOGINS.encode()),
        ("Positions.csv", POSITIONS.encode()),
        (f"Notes/{SCRIPT}.txt", b"not a LinkedIn file"),
        ("media/IMG_0001.jpg", jpeg_with_exif((52.37034, 4.89167))),
        ("media/IMG_0002.jpg", jpeg_with_exif(None, make="Apple", model="iPhone 15")),
        ("media/logo.png", png_plain()),
        ("media/broken.jpg", b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00garbage"),
    ]


def _corrupt(data: bytes, marker: bytes) -> bytes:
    """Flip one byte of a stored member so that reading it fails its CRC check."""
    i = data.index(marker)
    return data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1 :]


def build(out_dir: Path) -> Path:
    path = out_dir / NAME
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
        info = zipfile.ZipInfo("Education.csv", date_time=(2026, 11, 20, 9, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        zf.writestr(info, b"School Name,Start Date,End Date,Notes,Degree Name,Activities\nCORRUPTME,2019,2022,,,\n")
    path.write_bytes(_corrupt(buf.getvalue(), b"CORRUPTME"))
    return path
