"""Findings count distinct values and the items that carry each, keep every item they were seen in, and say
in plain words what a value was recorded with and that a photo sent in a private message is not used.

Issue 18 found "IP addresses recorded with uploads: 4" listing two addresses then "… and 2 more" that were
the same two; issue 16 asks that a finding lead to its items. The archive here is Facebook-shaped: four
uploads from two addresses, two photos taken with the same phone (one of them sent in a message).
"""

from __future__ import annotations

import html
from pathlib import Path

import orjson
import polars as pl
import pytest
import report_fixture as fx

from exportscope.findings import find_all
from exportscope.findings import words as finding_words
from exportscope.findings.collect import Collector
from exportscope.pipeline import Options, analyze
from exportscope.report import render_report


def _upload(ts: int, text: str, ip: str, uri: str) -> dict[str, object]:
    exif = {"upload_ip": ip, "taken_timestamp": ts - 600}
    media = {"uri": uri, "creation_timestamp": ts, "media_metadata": {"photo_metadata": {"exif_data": [exif]}}}
    return {"timestamp": ts, "data": [{"post": text}], "attachments": [{"data": [{"media": media}]}]}


POSTS = [
    _upload(1700000000, "Marché du dimanche", "203.0.113.7", "your_facebook_activity/posts/media/A_1/1_n.jpg"),
    _upload(1700100000, "Vélo au bord du lac", "198.51.100.23", "your_facebook_activity/posts/media/A_1/2_n.jpg"),
    _upload(1700200000, "Brunch", "203.0.113.7", "your_facebook_activity/posts/media/A_1/3_n.jpg"),
    _upload(1700300000, "Concert", "198.51.100.23", "your_facebook_activity/posts/media/A_1/4_n.jpg"),
]
PROFILE = {"profile_v2": {"name": {"full_name": "Jane Doe"}}}
THREAD = {
    "participants": [{"name": "Ben Sample"}, {"name": "Jane Doe"}],
    "messages": [
        {"sender_name": "Jane Doe", "timestamp_ms": 1700400000000,
         "photos": [{"uri": "your_facebook_activity/messages/inbox/ben_1/photos/m1.jpg"}]},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import zipfile

    path = tmp_path_factory.mktemp("fb") / "facebook-jdoe-2025-11-20-AbCdEfGh.zip"
    phone = fx.jpeg_with_exif(None, make="Example", model="Example Phone 7")
    members = {
        "personal_information/profile_information/profile_information.json": orjson.dumps(PROFILE),
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": orjson.dumps(POSTS),
        "your_facebook_activity/posts/media/A_1/1_n.jpg": phone,
        "your_facebook_activity/messages/inbox/ben_1/message_1.json": orjson.dumps(THREAD),
        "your_facebook_activity/messages/inbox/ben_1/photos/m1.jpg": phone,
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_collector_counts_distinct_values_and_items() -> None:
    acc = Collector(max_examples=5)
    for item, ip in enumerate(["203.0.113.7", "198.51.100.23", "203.0.113.7", "198.51.100.23"]):
        acc.add("upload_ip", "facebook", ip, {"source": "posts.json", "row": item + 1}, item=item)
    acc.add("upload_ip", "facebook", "203.0.113.7", {"source": "posts.json", "row": 3}, item=2)  # same item again
    (finding,), refs = acc.result(["facebook"])
    assert (finding["count"], finding["distinct"], finding["items"]) == (5, 2, 4)
    assert [(e["value"], e["occurrences"], e["items"]) for e in finding["examples"]] == [
        ("203.0.113.7", 3, 2),
        ("198.51.100.23", 2, 2),
    ]
    assert finding_words.more(finding, len(finding["examples"])) is None  # every value is shown
    assert finding_words.amount(finding) == "2 distinct values in 4 items"
    assert finding_words.amount(finding, "fr") == "2 valeurs distinctes dans 4 éléments"
    assert refs.of("upload_ip", "facebook", "203.0.113.7") == [0, 2]
    assert refs.of("upload_ip", "facebook") == [0, 1, 2, 3]


def test_every_reference_is_kept_beyond_the_examples() -> None:
    acc = Collector(max_examples=2)
    for i in range(7):
        acc.add("email", "linkedin", f"p{i}@example.org", {"source": "Shares.csv", "row": i + 1}, item=10 + i)
    (finding,), refs = acc.result()
    assert len(finding["examples"]) == 2 and finding["distinct"] == 7
    assert finding_words.more(finding, 2) == "… and 5 more values"
    assert refs.positions() == set(range(10, 17))  # the five values without an example still lead to items
    assert refs.of("email", "linkedin", "p6@example.org") == [16]


def test_upload_ips_count_distinct_addresses_and_lead_to_their_posts(archive: Path) -> None:
    analysis = analyze([archive], Options(as_of=fx.AS_OF))
    found = find_all(analysis)
    by_type = {f["type"]: f for f in found.findings}
    ips = by_type["upload_ip"]
    assert (ips["count"], ips["distinct"], ips["items"]) == (4, 2, 4)
    assert [(e["value"], e["occurrences"], e["items"]) for e in ips["examples"]] == [
        ("203.0.113.7", 2, 2),
        ("198.51.100.23", 2, 2),
    ]
    # The references are the posts (and their photos) each address was recorded with.
    items = analysis.items.with_row_index("_pos")
    posts = items.filter(pl.col("_pos").is_in(found.refs.of("upload_ip", "facebook", "203.0.113.7")))
    assert set(posts.get_column("row").to_list()) == {1, 3}
    assert "Marché du dimanche" in posts.get_column("text").to_list()
    assert "Vélo au bord du lac" not in posts.get_column("text").to_list()


def test_camera_in_a_message_photo_is_said_not_used(archive: Path) -> None:
    analysis = analyze([archive], Options(as_of=fx.AS_OF))
    camera = next(f for f in find_all(analysis).findings if f["type"] == "exif_camera")
    assert (camera["count"], camera["distinct"], camera["items"], camera["private"]) == (2, 1, 2, 1)
    assert finding_words.private_line(camera) == (
        "1 of them in a photo sent in a private message, which is not used for AI training."
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_say_distinct_values_in_plain_words(archive: Path, fmt: str) -> None:
    analysis = analyze([archive], Options(as_of=fx.AS_OF))
    text = render_report(analysis, fmt, findings=find_all(analysis).findings).decode()
    text = html.unescape(text) if fmt == "html" else text
    assert "IP addresses recorded with uploads: 2 distinct values in 4 items" in text
    assert "in 2 items; recorded by the platform with the upload" in text
    assert "and 2 more" not in text and "exif_data" not in text
    assert "which is not used for AI training" in text
    french = render_report(analysis, fmt, lang="fr", findings=find_all(analysis).findings).decode()
    french = html.unescape(french) if fmt == "html" else french
    assert "2 valeurs distinctes dans 4 éléments" in french and "enregistré par la plateforme avec l'envoi" in french
