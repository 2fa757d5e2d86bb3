"""Exposure findings on real-shaped inputs, each with precision checks (what must NOT be found)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import orjson
import pytest
import report_fixture as fx

from exportscope.archive import Member, Source
from exportscope.findings import find, text_spans
from exportscope.findings.media import (
    HEAD_BYTES,
    read_json_hits,
    read_photo_meta,
    scan_json,
)
from exportscope.findings.text import (
    NameIndex,
    birth_dates,
    emails,
    mentions,
    name_from_item,
    phone_country,
    phones,
    snippet,
    street_addresses,
)
from exportscope.pipeline import Options, analyze

# --- e-mail -------------------------------------------------------------------------------------------


def test_emails_found_with_exact_values() -> None:
    text = "Write to zoe.dupont+cv@example.fr, or (ben_sample@mail.example.co.uk)."
    assert [s.value for s in emails(text)] == ["zoe.dupont+cv@example.fr", "ben_sample@mail.example.co.uk"]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks @ben_sample for the intro",  # a mention, not an address
        "see icon@2x.png and logo@3x.jpg",  # retina file names
        "user@localhost has no domain",
        "email me at zoe at example dot fr",
    ],
)
def test_emails_precision(text: str) -> None:
    assert emails(text) == []


# --- phone numbers ------------------------------------------------------------------------------------


def test_phone_national_number_needs_the_export_country() -> None:
    text = "Appelez-moi au 06 12 34 56 78 demain"
    assert [s.value for s in phones(text, "FR")] == ["+33 6 12 34 56 78"]
    assert phones(text, "US") == []  # not a valid US number
    assert phones(text, None) == []  # no default country: only +CC numbers count


def test_phone_international_found_whatever_the_country() -> None:
    spans = phones("UK office: +44 20 7946 0958, US: +1 415-555-0132.", "FR")
    assert [s.value for s in spans] == ["+44 20 7946 0958", "+1 415-555-0132"]
    assert spans[0].start == len("UK office: ")


@pytest.mark.parametrize(
    "text",
    [
        "The meetup is on 2025-11-03 at 10:30.",
        "Signed on 03/11/2025, paid 03.11.2025",
        "Room 1234567, order #20251103",
        "Years 2019 2020 2021 2022",
        "https://www.linkedin.com/feed/update/urn:li:activity:7123456789 and urn%3Ali%3Ashare%3A0612345678",
        "ISBN 978-3-16-148410-0",
        "1,234,567 views",
    ],
)
def test_phone_precision_dates_ids_and_urls_are_not_phones(text: str) -> None:
    assert phones(text, "FR") == []
    assert phones(text, "US") == []


def test_phone_country_from_the_exports_location_then_region() -> None:
    assert phone_country("eu", "Paris, Île-de-France, France") == "FR"
    assert phone_country("eu", "Greater Munich Metropolitan Area") == "DE"
    assert phone_country("uk", None) == "GB"
    assert phone_country("eu", None) is None  # the EU is not one numbering plan
    assert phone_country(None, "Atlantis") is None


# --- street addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We moved to 221B Baker Street last week", "221B Baker Street"),
        ("Office: 1600 Pennsylvania Avenue, Washington", "1600 Pennsylvania Avenue"),
        ("Rendez-vous au 12 rue de la Paix à Paris", "12 rue de la Paix"),
        ("chez nous, 3 bis avenue Foch", "3 bis avenue Foch"),
        ("Neue Adresse: Hauptstraße 5a, Berlin", "Hauptstraße 5a"),
        ("Wir wohnen in der Lindenstr. 12", "Lindenstr. 12"),
        ("Kantoor aan de Kerkstraat 12", "Kerkstraat 12"),
        ("Ci vediamo in Via Roma 3", "Via Roma 3"),
    ],
)
def test_street_addresses(text: str, value: str) -> None:
    assert [s.value for s in street_addresses(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "3 Ways to grow your network",
        "Top 10 Street Food spots",
        "I walked 5 km down the road",
        "Our 2025 roadmap is on the main street",
        "Version 2 of the rue app",
    ],
)
def test_street_address_precision(text: str) -> None:
    assert street_addresses(text) == []


# --- birth dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Born on 7 March 2007 in Lyon", "7 March 2007"),
        ("My birthday is March 7th, 2007!", "March 7th, 2007"),
        ("DOB: 03/07/1990", "03/07/1990"),
        ("Date of birth - 1990-03-07", "1990-03-07"),
        ("Je suis née le 3 mars 1990", "3 mars 1990"),
        ("date de naissance : 03.07.1990", "03.07.1990"),
        ("born in 1985, raised in Leeds", "1985"),
        ("geboren am 7.3.1990", "7.3.1990"),
    ],
)
def test_birth_dates(text: str, value: str) -> None:
    assert [s.value for s in birth_dates(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "The meetup is on 7 March 2007",  # a date without a birth cue
        "Born to run, since 2007",  # a cue without a date next to it
        "Birthday party next week!",
        "I was born in Paris",
        "newborn 2024 collection",
    ],
)
def test_birth_date_precision(text: str) -> None:
    assert birth_dates(text) == []


# --- people ---------------------------------------------------------------------------------------------


def test_mentions_are_handles_not_addresses() -> None:
    assert [s.value for s in mentions("cc @ben_sample @ada.lovelace, mail ada@example.com")] == [
        "@ben_sample",
        "@ada.lovelace",
    ]


def test_name_index_finds_known_names_only() -> None:
    index = NameIndex(["Ada Lovelace", "Jean-Pierre van der Berg", "Ben Sample"], exclude=["Ben Sample"])
    text = "Thanks Ada Lovelace and Jean-Pierre van der Berg! Ada alone, ada lovelace, Ben Sample."
    assert [s.value for s in index.find(text)] == ["Ada Lovelace", "Jean-Pierre van der Berg"]
    # Capitalised phrases that are not the person's connections are not names.
    assert index.find("Machine Learning in New York with Grace Hopper") == []


def test_name_from_connection_item_text() -> None:
    assert name_from_item("Ada · Lovelace · Example Ltd · Engineer") == "Ada Lovelace"
    assert name_from_item("Ben Sample") == "Ben Sample"
    assert name_from_item(None) is None
    assert name_from_item("· · Example Ltd") is None  # a hidden profile: no name
    assert name_from_item("example ltd") is None


def test_text_spans_email_is_not_also_a_mention_or_a_phone() -> None:
    found = text_spans("mail ben@example.com or +44 20 7946 0958", None, NameIndex([]))
    assert [(t, s.value) for t, s in found] == [("email", "ben@example.com"), ("phone", "+44 20 7946 0958")]


def test_snippet_is_one_line_with_ellipses() -> None:
    text = "word " * 40 + "zoe@example.fr\nnext line " + "tail " * 40
    s = snippet(text, text.index("zoe"), text.index("zoe") + 14)
    assert s.startswith("…") and s.endswith("…")
    assert "zoe@example.fr next line" in s
    assert "\n" not in s


# --- Meta JSON metadata (shared/reference/meta.md shapes) ------------------------------------------------

# Facebook's your_posts_1.json as written: mojibake in strings, exif_data with upload_ip, place.coordinate.
FB_POSTS = (
    b'[{"timestamp": 1700000000, "title": "Jane Doe updated her status.",'
    b' "data": [{"post": "caf\\u00c3\\u00a9 time"}, {"update_timestamp": 1700000100}],'
    b' "attachments": [{"data": ['
    b'  {"media": {"uri": "your_facebook_activity/posts/media/Album_1/123_n_456.jpg", "creation_timestamp": 1700000000,'
    b'   "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "203.0.113.7",'
    b'    "taken_timestamp": 1699990000,'
    b'    "latitude": 48.85837, "longitude": 2.294481}]}}}},'
    b'  {"place": {"name": "Example Caf\\u00c3\\u00a9", "coordinate": {"latitude": 52.0, "longitude": 4.0}}}]}],'
    b' "tags": ["Ben Sample", {"name": "Ch\\u00c3\\u00a9rie Example"}]},'
    b' {"timestamp": 1700000500, "data": [{"post": "no metadata here"}],'
    b'  "attachments": [{"data": [{"place": {"name": "Null Island",'
    b'   "coordinate": {"latitude": 0, "longitude": 0}}}]}]}]'
)

# Instagram's posts_1.json: exif_data with device, date and GPS, no upload IP.
IG_POSTS = orjson.dumps(
    [
        {
            "media": [
                {
                    "uri": "media/posts/202403/x.jpg",
                    "creation_timestamp": 1710000000,
                    "title": "Sunset",
                    "media_metadata": {
                        "photo_metadata": {
                            "exif_data": [
                                {"device_id": "android-1", "date_time_original": "2024:03:09 18:00:00"},
                                {"latitude": -33.856784, "longitude": 151.215297},
                            ]
                        }
                    },
                }
            ]
        }
    ]
)


def test_scan_meta_json_gps_ips_and_tags() -> None:
    hits = list(scan_json(orjson.loads(FB_POSTS)))
    assert [(h.type, h.value, h.context, h.place) for h in hits] == [
        ("gps", "48.85837, 2.29448", "exif_data", None),
        ("upload_ip", "203.0.113.7", "exif_data", None),
        ("gps", "52.00000, 4.00000", "place", "Example Café"),  # a code, and the place's name apart
        ("person", "Ben Sample", "tag", None),
        ("person", "Chérie Example", "tag", None),
    ]  # Null Island (0, 0) is "no location", not a finding


def test_scan_instagram_exif_data() -> None:
    hits = list(scan_json(orjson.loads(IG_POSTS)))
    assert [(h.type, h.value) for h in hits] == [("gps", "-33.85678, 151.21530")]


def test_scan_ignores_label_values_tags_and_non_numbers() -> None:
    doc = {
        "label_values": [{"label": "Tags", "vec": [{"value": "a"}]}],
        "tags": [3, None, ""],
        "place": {"name": "x", "coordinate": {"latitude": "52", "longitude": True}},
    }
    assert list(scan_json(doc)) == []


# --- EXIF from image headers --------------------------------------------------------------------------


class _CountingSource(Source):
    """A source that serves one blob and records how many bytes were read from it."""

    def __init__(self, blob: bytes) -> None:
        super().__init__(path=Path("mem"), kind="file")
        self.blob = blob
        self.read_total = 0

    def open(self, member: Member, *, buffered: bool = True) -> io.BufferedReader:  # type: ignore[override]
        outer = self

        class _Raw(io.RawIOBase):
            def __init__(self) -> None:
                self.inner = io.BytesIO(outer.blob)

            def readable(self) -> bool:
                return True

            def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
                data = self.inner.read(len(b))
                outer.read_total += len(data)
                b[: len(data)] = data
                return len(data)

        return io.BufferedReader(_Raw(), buffer_size=4096)


def _member(blob: bytes, name: str = "IMG_0001.jpg") -> tuple[Member, _CountingSource]:
    src = _CountingSource(blob)
    return Member(path=f"media/{name}", source=src, size=len(blob), compressed=len(blob), key=name), src


def test_exif_gps_camera_and_date_from_header_bytes_only() -> None:
    blob = fx.jpeg_with_exif((52.37034, 4.89167)) + b"\x00" * (5 * 1024 * 1024)  # a 5 MB photo
    member, src = _member(blob)
    meta = read_photo_meta(member)
    assert meta.gps == (52.37034, 4.89167)
    assert meta.camera == "Canon EOS 80D"
    assert meta.taken == "2021-06-05 14:03:10"
    assert src.read_total <= HEAD_BYTES + 4096


def test_exif_southern_western_hemisphere_and_no_gps() -> None:
    meta = read_photo_meta(_member(fx.jpeg_with_exif((-33.85678, -70.64827)))[0])
    assert meta.gps == (-33.85678, -70.64827)
    meta = read_photo_meta(_member(fx.jpeg_with_exif(None, make="Apple", model="iPhone 15"))[0])
    assert (meta.gps, meta.camera) == (None, "Apple iPhone 15")


@pytest.mark.parametrize(
    "blob",
    [fx.png_plain(), b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00garbage", b"not an image at all", b""],
)
def test_exif_unreadable_or_absent_gives_nothing(blob: bytes) -> None:
    assert not read_photo_meta(_member(blob)[0])


# --- end to end on archives ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    path = fx.build(tmp_path_factory.mktemp("findings"))
    return find(analyze([path], Options(as_of=fx.AS_OF)))


def test_find_on_the_fixture_archive_counts(fixture_findings: list[dict[str, object]]) -> None:
    counts = {(f["type"], f["platform"]): (f["count"], f["distinct"]) for f in fixture_findings}
    assert counts == {
        ("email", "linkedin"): (1, 1),
        ("phone", "linkedin"): (2, 2),
        ("street_address", "linkedin"): (1, 1),
        ("birth_date", "linkedin"): (1, 1),
        ("person", "linkedin"): (2, 2),
        ("exif_gps", "linkedin"): (1, 1),
        ("exif_camera", "linkedin"): (2, 2),
        ("exif_date", "linkedin"): (2, 1),
        ("minor", "linkedin"): (3, 3),
    }


def test_find_examples_carry_their_source(fixture_findings: list[dict[str, object]]) -> None:
    by_type = {f["type"]: f for f in fixture_findings}
    phone = by_type["phone"]["examples"]  # type: ignore[index]
    assert [(e["value"], e["source"], e["row"], e["kind"]) for e in phone] == [
        ("+33 6 12 34 56 78", "Shares.csv", 2, "post"),
        ("+44 20 7946 0958", "Shares.csv", 2, "post"),
    ]
    people = by_type["person"]["examples"]  # type: ignore[index]
    assert [e["value"] for e in people] == ["@ben_sample", "Ada Lovelace"]
    gps = by_type["exif_gps"]["examples"]  # type: ignore[index]
    assert gps == [{"value": "52.37034, 4.89167", "source": "media/IMG_0001.jpg", "occurrences": 1, "items": 1}]
    # The profile's own e-mail in the public summary; the private Address field is never scanned.
    assert by_type["email"]["examples"][0]["source"] == "Profile.csv"  # type: ignore[index]
    assert "street_address" in by_type and by_type["street_address"]["examples"][0]["value"] == "221B Baker Street"  # type: ignore[index]


def test_minor_finding_uses_the_birth_date(fixture_findings: list[dict[str, object]]) -> None:
    minor = next(f for f in fixture_findings if f["type"] == "minor")
    # Born 7 March 2007: what was posted (posts, comments...) before 7 March 2025; the position started in
    # January 2025 is not something posted, so its start date is no finding.
    assert [e["value"] for e in minor["examples"]] == ["2023-05-05", "2024-01-02", "2024-06-15"]  # type: ignore[index]
    assert {e["kind"] for e in minor["examples"]} <= {"post", "comment", "article", "poll_vote", "media", "story"}  # type: ignore[index]


def test_no_minor_finding_without_a_birth_year(make_zip) -> None:  # type: ignore[no-untyped-def]
    profile = fx.PROFILE.replace('"Mar 7, 2007"', "Mar 7")
    path = make_zip("Complete_LinkedInDataExport_11-20-2026.zip", {"Profile.csv": profile, "Shares.csv": fx.SHARES})
    found = find(analyze([path], Options(as_of=fx.AS_OF)), media=False)
    assert "minor" not in {f["type"] for f in found}


def test_meta_json_members_are_scanned_but_not_messages(make_zip) -> None:  # type: ignore[no-untyped-def]
    thread = b'{"participants": [], "messages": [], "tags": ["Someone Private"]}'
    path = make_zip(
        "Complete_LinkedInDataExport_11-20-2026.zip",
        {
            "Profile.csv": fx.PROFILE,
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": FB_POSTS,
            "your_facebook_activity/messages/inbox/ben_1/message_1.json": thread,
        },
    )
    found = {f["type"]: f for f in find(analyze([path], Options(as_of=fx.AS_OF)))}
    assert (found["gps"]["count"], found["upload_ip"]["count"]) == (2, 1)
    assert [e["value"] for e in found["person"]["examples"]] == ["Ben Sample", "Chérie Example"]
    assert found["upload_ip"]["examples"][0]["source"].endswith("your_posts__check_ins__photos_and_videos_1.json")


def test_broken_json_member_gives_no_hits() -> None:
    member, _ = _member(b'{"tags": ["Ben"', "posts_1.json")
    assert read_json_hits(member) == []


def test_media_findings_survive_a_moved_archive(tmp_path: Path) -> None:
    path = fx.build(tmp_path)
    analysis = analyze([path], Options(as_of=fx.AS_OF))
    path.rename(tmp_path / "moved.zip")
    types = {f["type"] for f in find(analysis)}
    assert "email" in types and "exif_gps" not in types


def test_media_findings_read_the_zip_the_analysis_listed_without_listing_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged zip is read through the analysis' own entries (no directory parsed again), and the
    findings are those of a zip listed again from scratch."""
    path = fx.build(tmp_path)
    analysis = analyze([path], Options(as_of=fx.AS_OF))
    listed: list[object] = []
    real_zipfile = zipfile.ZipFile

    class Counting(real_zipfile):  # type: ignore[misc, valid-type]
        def __init__(self, file: object, *args: object, **kwargs: object) -> None:
            listed.append(file)
            super().__init__(file, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", Counting)
    reused = find(analysis)
    assert listed == []
    assert {f["type"]: f["count"] for f in reused if f["type"].startswith("exif_")} == {
        "exif_gps": 1,
        "exif_camera": 2,
        "exif_date": 2,
    }
    monkeypatch.setattr(Source, "copy_if_unchanged", lambda self, keep=None: None)  # the listing of before
    assert find(analysis) == reused
    assert listed == [path]


def test_media_findings_of_a_zip_rewritten_since_come_from_the_new_file(tmp_path: Path) -> None:
    """A zip replaced after the analysis is not read through the old entries (they may point anywhere in the
    new file): it is listed again and its photos read as they are now, as before."""
    path = fx.build(tmp_path)
    analysis = analyze([path], Options(as_of=fx.AS_OF))
    moved = (1.0, 2.0)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("padding.bin", bytes(3000))  # every entry now sits elsewhere
        zf.writestr("media/IMG_0001.jpg", fx.jpeg_with_exif(moved))
    assert all(src.copy_if_unchanged() is None for src in analysis.exports[0].sources)
    gps = {f["type"]: f for f in find(analysis)}["exif_gps"]
    assert [e["value"] for e in gps["examples"]] == ["1.00000, 2.00000"]


def test_a_copy_of_a_source_reads_on_after_either_is_closed(tmp_path: Path) -> None:
    """The copy has a descriptor of its own: closing the analysed source does not close it, and closing the
    copy leaves the source able to open again."""
    from exportscope.archive import open_source

    path = fx.build(tmp_path)
    src = open_source(path)
    try:
        before = {m.path: m.read_bytes() for m in src.members if m.path.startswith("media/")}
        copy = src.copy_if_unchanged(lambda m: m.path.startswith("media/"))
        assert copy is not None and copy is not src
        src.close()
        assert {m.path: m.read_bytes() for m in copy.members} == before
        assert all(m.source is copy for m in copy.members)
        copy.close()
        assert {m.path: m.read_bytes() for m in src.members if m.path.startswith("media/")} == before
    finally:
        src.close()


def test_media_findings_read_a_folder_export(tmp_path: Path) -> None:
    path = fx.build(tmp_path)
    folder = tmp_path / "unzipped" / "Complete_LinkedInDataExport_11-20-2026"
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name == "Education.csv":
                continue  # its CRC is broken on purpose
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
    found = {f["type"]: f["count"] for f in find(analyze([folder.parent], Options(as_of=fx.AS_OF)))}
    assert found["exif_gps"] == 1 and found["exif_camera"] == 2


def _image_variants() -> list[tuple[str, bytes]]:
    """Images whose EXIF sits at different depths: after APP2 blocks of 0, 3, 5, 62 and 70 KiB (past the first
    read, across and past HEAD_BYTES), with and without GPS; a PNG whose EXIF chunk follows 20 KB of text; a
    JPEG without any."""
    from PIL import Image

    out: list[tuple[str, bytes]] = []
    for pad in (0, 3 * 1024, 5 * 1024, 62 * 1024, 70 * 1024):
        for gps in ((48.85837, 2.29448), None):
            jpeg = fx.jpeg_with_exif(gps)
            sizes = [min(60_000, pad - i) for i in range(0, pad, 60_000)]  # a segment holds at most 65,533 bytes
            app2 = b"".join(b"\xff\xe2" + (n + 2).to_bytes(2, "big") + bytes(n) for n in sizes)
            out.append((f"IMG_{pad}_{gps is not None}.jpg", jpeg[:2] + app2 + jpeg[2:]))
    from PIL import PngImagePlugin

    exif = Image.Exif()
    exif[0x0110] = "Pixel 8"
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "x" * 20_000)  # written before the EXIF chunk: past the first read
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG", exif=exif.tobytes(), pnginfo=text)
    out.append(("IMG_png.png", buf.getvalue() + bytes(100_000)))
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "JPEG")
    out.append(("IMG_plain.jpg", buf.getvalue()))
    return out


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"])
def test_a_photos_first_read_is_small_and_finds_what_one_64_kib_read_found(
    tmp_path: Path, method: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo stored as is is read 4 KiB first and further only as its markers ask; the EXIF facts are those
    of the single 64 KiB read it replaced, however deep the EXIF block sits, for JPEG and PNG alike."""
    from exportscope.archive import open_source
    from exportscope.findings import media

    variants = _image_variants()
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, blob in variants:
            zf.writestr(f"media/{name}", blob)
    src = open_source(path)
    try:
        members = {m.path.rsplit("/", 1)[-1]: m for m in src.members}
        small = {name: read_photo_meta(members[name]) for name, _ in variants}
        monkeypatch.setattr(media, "FIRST_BYTES", HEAD_BYTES)  # the single read of before
        whole = {name: read_photo_meta(members[name]) for name, _ in variants}
    finally:
        src.close()
    assert small == whole
    assert small["IMG_5120_True.jpg"].gps == (48.85837, 2.29448)  # past the first 4 KiB
    assert small["IMG_63488_True.jpg"].camera == "Canon EOS 80D"  # across the 64 KiB mark
    assert small["IMG_png.png"].camera == "Pixel 8"
    assert small["IMG_71680_True.jpg"].gps == (48.85837, 2.29448)  # past 64 KiB, within MAX_HEAD_BYTES
    assert not small["IMG_plain.jpg"]


def test_a_photo_stored_as_is_is_read_a_few_kib_at_first() -> None:
    blob = fx.jpeg_with_exif((52.37034, 4.89167)) + bytes(5 * 1024 * 1024)
    member, src = _member(blob)
    assert read_photo_meta(member).gps == (52.37034, 4.89167)
    assert src.read_total <= 2 * 4096  # the whole header in the first read (the source reads 4 KiB at a time)
