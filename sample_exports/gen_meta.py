"""Synthetic Meta exports (Facebook new and old layout; Instagram in two parts with Threads), all invented.

They carry the real formats' quirks (shared/reference/meta.md): every string and key written as Meta writes
it (UTF-8 bytes as ``\\u00XX`` escapes), ``_v2``/``_v3`` and bare keys, list / wrapped / sections tops,
newest-first message parts, millisecond message times, ``0`` timestamps, an apostrophe in a file name,
localized Instagram labels, ``no-data.txt`` folders, a wrapper folder in one zip and none in the others, and
an Instagram export split over two zips whose second part holds only media. Photos are small real JPEGs made
with pillow, some with EXIF GPS. Same input, same bytes (``_zipkit.write_zip``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from _zipkit import write_zip
from PIL import Image

FB_NEW = "facebook-2025/facebook-jdoe-2025-11-20-AbCdEfGh.zip"
FB_OLD = "facebook-2021/facebook-jdoe-2021-3-14-Qw3rTy12.zip"
IG_A = "instagram-2025/instagram-jdoe-2025-11-20-AAAA1111.zip"
IG_B = "instagram-2025/instagram-jdoe-2025-11-20-BBBB2222.zip"

YFA = "your_facebook_activity"
YIA = "your_instagram_activity"
LISBON = ((38.0, 41.0, 49.2), (9.0, 8.0, 23.4))  # deg, min, sec; N / W


def mojibake(value: Any) -> Any:
    """Every string and key as Meta writes it: each UTF-8 byte becomes one code point (then \\u00XX)."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [mojibake(v) for v in value]
    if isinstance(value, dict):
        return {mojibake(k): mojibake(v) for k, v in value.items()}
    return value


def meta_json(value: Any) -> bytes:
    return json.dumps(mojibake(value), ensure_ascii=True, indent=2).encode("ascii")


def jpeg(seed: int, gps: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None) -> bytes:
    """A 32x24 JPEG with a seed-dependent gradient; EXIF camera model, and GPS when given."""
    img = Image.new("RGB", (32, 24))
    px = img.load()
    assert px is not None
    for x in range(32):
        for y in range(24):
            px[x, y] = ((x * 8 + seed * 40) % 256, (y * 10 + seed * 20) % 256, (seed * 70) % 256)
    exif = Image.Exif()
    exif[0x0110] = "Example Phone 7"
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2], ifd[3], ifd[4] = "N", gps[0], "W", gps[1]
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=75, exif=exif)
    return buf.getvalue()


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"


def _msg(sender: str, ms: int, content: str | None = None, **extra: Any) -> dict[str, Any]:
    m: dict[str, Any] = {"sender_name": sender, "timestamp_ms": ms}
    if content is not None:
        m["content"] = content
    m.update(extra)
    m.setdefault("is_geoblocked_for_viewer", False)
    return m


def _thread(title: str, path: str, messages: list[dict[str, Any]], *others: str) -> dict[str, Any]:
    return {
        "participants": [{"name": n} for n in (*others, "Jeanne Doé")],
        "messages": messages,
        "title": title,
        "is_still_participant": True,
        "thread_path": path,
        "magic_words": [],
    }


# --- Facebook, 2024+ layout, no wrapper folder --------------------------------------------------------------


def facebook_new() -> list[tuple[str, bytes]]:
    media = f"{YFA}/posts/media"
    posts = [
        {
            "timestamp": 1700000000,
            "data": [{"post": "Café au lait ☕ avec Zoë 😀"}],
            "title": "Jeanne Doé a mis à jour son statut.",
        },
        {
            "timestamp": 1717236000,
            "attachments": [
                {
                    "data": [
                        {
                            "media": {
                                "uri": f"{media}/VacancesLisbonne_123/111_n_1.jpg",
                                "creation_timestamp": 1717236000,
                                "media_metadata": {
                                    "photo_metadata": {
                                        "exif_data": [
                                            {"upload_ip": "203.0.113.7", "latitude": 38.697, "longitude": -9.206}
                                        ]
                                    }
                                },
                                "title": "Vacances à Lisbonne",
                                "description": "Le tram 28 🚋",
                            }
                        },
                        {
                            "media": {
                                "uri": f"{media}/VacancesLisbonne_123/222_n_2.jpg",
                                "creation_timestamp": 1717236000,
                                "title": "Vacances à Lisbonne",
                            }
                        },
                    ]
                }
            ],
            "data": [{"post": "Vacances à Lisbonne 🇵🇹"}, {"update_timestamp": 1717236500}],
            "title": "Jeanne Doé a ajouté 2 nouvelles photos.",
        },
        {
            "timestamp": 1717322400,
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": "Pastéis de Belém",
                                "coordinate": {"latitude": 38.6975, "longitude": -9.2032},
                                "address": "R. de Belém 84",
                            }
                        }
                    ]
                }
            ],
            "title": "Jeanne Doé était à Pastéis de Belém.",
        },
        {
            "timestamp": 1720000000,
            "attachments": [{"data": [{"external_context": {"url": "https://example.org/livres"}}]}],
            "data": [{"post": "Lecture du jour : « Les Misérables » 📚"}],
            "title": "Jeanne Doé a partagé un lien.",
        },
        {"timestamp": 0, "data": [{"post": "Un vieux souvenir"}], "title": ""},
    ]
    album = {
        "name": "Vacances à Lisbonne",
        "photos": [
            {"uri": f"{media}/VacancesLisbonne_123/111_n_1.jpg", "creation_timestamp": 1717236000,
             "title": "Vacances à Lisbonne"},
            {"uri": f"{media}/VacancesLisbonne_123/444_n_4.jpg", "creation_timestamp": 1717240000,
             "title": "Vacances à Lisbonne", "description": "Miradouro ☀️"},
        ],
        "cover_photo": {"uri": f"{media}/VacancesLisbonne_123/111_n_1.jpg", "creation_timestamp": 1717236000},
        "last_modified_timestamp": 1717240000,
        "description": "Juin 2024",
    }  # fmt: skip
    uncategorized = {
        "other_photos_v2": [
            {"uri": f"{media}/UncategorizedPhotos_555/555_n_5.jpg", "creation_timestamp": 1690000000,
             "description": "Ma plante préférée 🌱"}
        ]
    }  # fmt: skip
    comments = {
        "comments_v2": [
            {"timestamp": 1701000000, "data": [{"comment": {"timestamp": 1701000000, "comment": "Très bien dit ! 👏",
             "author": "Jeanne Doé"}}], "title": "Jeanne Doé a commenté la publication de Ben Sample."},
            {"timestamp": 1702000000, "data": [{"comment": {"timestamp": 1702000000, "comment": "Merci 🙏",
             "author": "Jeanne Doé"}}], "title": "Jeanne Doé a répondu à son propre commentaire."},
        ]
    }  # fmt: skip
    reactions = [
        {"timestamp": 1703000000, "data": [{"reaction": {"reaction": "LIKE", "actor": "Jeanne Doé"}}],
         "title": "Jeanne Doé a aimé la publication de Ben Sample."},
        {"timestamp": 1703100000, "data": [{"reaction": {"reaction": "LOVE", "actor": "Jeanne Doé"}}],
         "title": "Jeanne Doé a réagi à la photo de Ana Example."},
        {"timestamp": 1703200000, "data": [{"reaction": {"reaction": "HAHA", "actor": "Jeanne Doé"}}],
         "title": "Jeanne Doé a réagi au commentaire de Ben Sample."},
    ]  # fmt: skip
    group_posts = {
        "group_posts_v2": [
            {"timestamp": 1704000000, "data": [{"post": "Qui vient au marché dimanche ? 🥖"}],
             "title": "Jeanne Doé a publié dans Voisins de Belém."}
        ]
    }  # fmt: skip
    group_comments = {
        "group_comments_v2": [
            {"timestamp": 1704100000, "data": [{"comment": {"timestamp": 1704100000, "comment": "J'arrive à 10h",
             "author": "Jeanne Doé", "group": "Voisins de Belém"}}], "title": "Jeanne Doé a commenté."}
        ]
    }  # fmt: skip
    stories = {
        "archived_stories_v2": [
            {"timestamp": 1705000000, "title": "",
             "attachments": [{"data": [{"media": {"uri": f"{YFA}/stories/media/888_n_8.jpg",
                                                  "creation_timestamp": 1705000000, "title": "Soirée 🎉"}}]}]}
        ]
    }  # fmt: skip
    inbox = f"{YFA}/messages/inbox/bensample_123"
    # message_1 holds the newest messages, each part newest-first; times in milliseconds.
    inbox_1 = _thread(
        "Ben Sample",
        "inbox/bensample_123",
        [
            _msg("Jeanne Doé", 1710000300000, "À demain alors 👋"),
            _msg("Ben Sample", 1710000200000, photos=[{"uri": f"{inbox}/photos/777_n_7.jpg",
                                                        "creation_timestamp": 1710000200}]),
            _msg("Ben Sample", 1710000100000, "Ça marche !", reactions=[{"reaction": "👍", "actor": "Jeanne Doé"}]),
        ],
        "Ben Sample",
    )  # fmt: skip
    inbox_2 = _thread(
        "Ben Sample",
        "inbox/bensample_123",
        [_msg("Jeanne Doé", 1710000050000, "Déjeuner vendredi ?"), _msg("Ben Sample", 1710000000000, "Salut Jeanne")],
        "Ben Sample",
    )
    archived = _thread(
        "Old Friend",
        "archived_threads/oldfriend_456",
        [_msg("Old Friend", 1600000100000, "Bonne année 🎆"), _msg("Jeanne Doé", 1600000000000, "Coucou")],
        "Old Friend",
    )
    filtered = _thread("Promo Page", "filtered_threads/promopage_321", [_msg("Promo Page", 1650000000000, "Offre")])
    request = _thread("Stranger", "message_requests/stranger_789", [_msg("Stranger", 1660000000000, "Bonjour ?")])
    e2ee = _thread(
        "Ana Example",
        "e2ee_cutover/anaexample_999",
        [_msg("Ana Example", 1698000100000, "On se voit où ?"), _msg("Jeanne Doé", 1698000000000, "Au café 😊")],
        "Ana Example",
    )
    group_chat = {
        "thread_name": "Voisins de Belém",
        "messages": [
            _msg("Ben Sample", 1704200100000, "Parfait"),
            _msg("Jeanne Doé", 1704200000000, "Je prends le pain"),
        ],
    }
    ai = [
        {
            "timestamp": 1730000000,
            "label_values": [
                {"label": "Conversation", "value": "Idées de voyage"},
                {
                    "title": "Messages",
                    "dict": [
                        {"dict": [{"label": "Author", "value": "Jeanne Doé"},
                                  {"label": "Message", "value": "Que visiter à Porto en deux jours ?"},
                                  {"label": "Sent", "timestamp_value": 1730000000}]},
                        {"dict": [{"label": "Author", "value": "Meta AI"},
                                  {"label": "Message", "value": "La Ribeira, la librairie Lello et un café."},
                                  {"label": "Sent", "timestamp_value": 1730000005}]},
                        {"dict": [{"label": "Author", "value": "Jeanne Doé"},
                                  {"label": "Message", "value": "Merci ! Et pour manger ? 🍽️"},
                                  {"label": "Sent", "timestamp_value": 1730000060}]},
                        {"dict": [{"label": "Author", "value": "Meta AI"},
                                  {"label": "Message", "value": "Une francesinha, bien sûr."},
                                  {"label": "Sent", "timestamp_value": 1730000065}]},
                    ],
                },
            ],
            "fbid": "900000000000001",
        }
    ]  # fmt: skip
    profile = {
        "profile_v2": {
            "name": {"full_name": "Jeanne Doé", "first_name": "Jeanne", "middle_name": "", "last_name": "Doé"},
            "emails": {"emails": ["jeanne.doe@example.com", "jd@example.org"], "previous_emails": [],
                       "pending_emails": [], "ad_account_emails": []},
            "birthday": {"year": 1990, "month": 5, "day": 14},
            "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
            "current_city": {"name": "Lisboa, Portugal", "timestamp": 1700000000},
            "hometown": {"name": "Lyon, France", "timestamp": 1500000000},
            "relationship": {"status": "Célibataire", "timestamp": 1600000000},
            "family_members": [{"name": "Zoë Doé", "relation": "Sœur", "timestamp": 1500000000}],
            "education_experiences": [{"name": "Université Lumière Lyon 2", "start_timestamp": 1220000000,
                                       "end_timestamp": 1340000000, "graduated": True,
                                       "concentrations": ["Économie"], "school_type": "College"}],
            "work_experiences": [
                {"employer": "Café Exemplo", "title": "Barista", "location": "Lisboa",
                 "start_timestamp": 1650000000, "end_timestamp": 0},
                {"employer": "Exemple SARL", "title": "Analyste", "start_timestamp": 1400000000,
                 "end_timestamp": 1640000000},
            ],
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+351 910 000 000", "verified": True}],
            "intro_bio": {"name": "Café, livres et vélo ☕📚🚲"},
            "username": "jdoe",
            "registration_timestamp": 1200000000,
        }
    }  # fmt: skip
    friends = {
        "friends_v2": [
            {"name": "Ben Sample", "timestamp": 1500000000},
            {"name": "Ana Example", "timestamp": 1550000000},
            {"name": "Zoë Doé", "timestamp": 1300000000},
        ]
    }
    following = {"following_v3": [{"name": "Musée d'Orsay", "timestamp": 1600000000},
                                  {"name": "Ben Sample", "timestamp": 1500000000}]}  # fmt: skip
    searches = {
        "searches_v2": [
            {"timestamp": 1706000000, "data": [{"text": "pâtisserie belém"}], "title": "Vous avez cherché"},
            {"timestamp": 1706100000, "data": [{"text": "tram 28 horaires"}], "title": "Vous avez cherché"},
        ]
    }
    jurisdiction = [{"timestamp": 1700000000, "label_values": [{"label": "Juridiction", "value": "European Union"}]}]
    logins = {
        "account_activity_v2": [
            {"action": "Login", "timestamp": 1707000000, "ip_address": "198.51.100.23", "user_agent": "Mozilla/5.0",
             "datr_cookie": "abc", "city": "Lisboa", "region": "Lisboa", "country": "PT"},
            {"action": "Session updated", "timestamp": 1707100000, "ip_address": "198.51.100.24",
             "user_agent": "Mozilla/5.0", "datr_cookie": "abc", "city": "Porto", "country": "PT"},
        ]
    }  # fmt: skip
    advertisers = [
        {"timestamp": 1708000000, "label_values": [{"label": "Nom", "value": "Boulangerie Exemple"}]},
        {"timestamp": 1708100000, "label_values": [{"label": "Nom", "value": "Librairie Exemplo"}]},
    ]
    interests = {"topics_v2": ["Cuisine", "Voyages à vélo"]}
    off_meta = {
        "off_facebook_activity_v2": [
            {"name": "example-shop.com", "events": [{"id": 1, "type": "PURCHASE", "timestamp": 1709000000},
                                                   {"id": 2, "type": "PAGE_VIEW", "timestamp": 1709000100}]}
        ]
    }  # fmt: skip
    saved = {
        "saves_v2": [
            {
                "timestamp": 1709500000,
                "title": "Jeanne Doé a enregistré un lien.",
                "attachments": [{"data": [{"external_context": {"name": "Recette de pastéis"}}]}],
            }
        ]
    }
    return [
        (f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.json", meta_json(posts)),
        (f"{YFA}/posts/album/0.json", meta_json(album)),
        (f"{YFA}/posts/your_uncategorized_photos.json", meta_json(uncategorized)),
        (f"{media}/VacancesLisbonne_123/111_n_1.jpg", jpeg(1, LISBON)),
        (f"{media}/VacancesLisbonne_123/222_n_2.jpg", jpeg(2)),
        (f"{media}/VacancesLisbonne_123/444_n_4.jpg", jpeg(4, LISBON)),
        (f"{media}/UncategorizedPhotos_555/555_n_5.jpg", jpeg(5)),
        (f"{YFA}/comments_and_reactions/comments.json", meta_json(comments)),
        (f"{YFA}/comments_and_reactions/likes_and_reactions_1.json", meta_json(reactions)),
        (f"{YFA}/groups/group_posts_and_comments.json", meta_json(group_posts)),
        (f"{YFA}/groups/your_comments_in_groups.json", meta_json(group_comments)),
        (f"{YFA}/groups/your_group_messages/1234567890.json", meta_json(group_chat)),
        (f"{YFA}/stories/archived_stories.json", meta_json(stories)),
        (f"{YFA}/stories/media/888_n_8.jpg", jpeg(8)),
        (f"{inbox}/message_1.json", meta_json(inbox_1)),
        (f"{inbox}/message_2.json", meta_json(inbox_2)),
        (f"{inbox}/photos/777_n_7.jpg", jpeg(7, LISBON)),
        (f"{YFA}/messages/archived_threads/oldfriend_456/message_1.json", meta_json(archived)),
        (f"{YFA}/messages/filtered_threads/promopage_321/message_1.json", meta_json(filtered)),
        (f"{YFA}/messages/message_requests/stranger_789/message_1.json", meta_json(request)),
        (f"{YFA}/messages/e2ee_cutover/anaexample_999/message_1.json", meta_json(e2ee)),
        (f"{YFA}/messages/ai_conversations.json", meta_json(ai)),
        (f"{YFA}/saved_items_and_collections/your_saved_items.json", meta_json(saved)),
        (f"{YFA}/events/no-data.txt", b"You have no data in this section\n"),
        (f"{YFA}/new_feature_2025/mystery_feature.json", meta_json([{"timestamp": 1710000000, "value": "?"}])),
        ("personal_information/profile_information/profile_information.json", meta_json(profile)),
        ("connections/friends/your_friends.json", meta_json(friends)),
        ("connections/followers/who_you've_followed.json", meta_json(following)),
        ("logged_information/search/your_search_history.json", meta_json(searches)),
        ("logged_information/location/your_privacy_jurisdiction.json", meta_json(jurisdiction)),
        ("logged_information/other_logged_information/ads_interests.json", meta_json(interests)),
        ("security_and_login_information/account_activity.json", meta_json(logins)),
        ("ads_information/advertisers_using_your_activity_or_information.json", meta_json(advertisers)),
        ("apps_and_websites_off_of_facebook/your_activity_off_meta_technologies.json", meta_json(off_meta)),
        ("preferences/no-data.txt", b"You have no data in this section\n"),
    ]


# --- Facebook, 2018-21 layout, inside a wrapper folder, bare keys ------------------------------------------


def facebook_old() -> list[tuple[str, bytes]]:
    root = "facebook-jdoe-2021-3-14-Qw3rTy12"
    posts = [
        {"timestamp": 1580000000, "data": [{"post": "Première neige à Genève ❄️"}],
         "attachments": [{"data": [{"media": {"uri": "photos_and_videos/TimelinePhotos_1/101.jpg",
                                              "creation_timestamp": 1580000000, "title": "Timeline Photos"}}]}],
         "title": "Jeanne Doe updated her status."},
        {"timestamp": 1590000000, "data": [{"post": "Naïve question: who’s up for crêpes? 🥞"}],
         "title": "Jeanne Doe updated her status."},
    ]  # fmt: skip
    album = {
        "name": "Timeline Photos",
        "photos": [
            {"uri": "photos_and_videos/TimelinePhotos_1/101.jpg", "creation_timestamp": 1580000000},
            {"uri": "photos_and_videos/TimelinePhotos_1/102.jpg", "creation_timestamp": 1585000000,
             "description": "Le Jet d'eau"},
        ],
        "last_modified_timestamp": 1585000000,
    }  # fmt: skip
    comments = {"comments": [{"timestamp": 1581000000, "title": "Jeanne Doe commented.", "data": [
        {"comment": {"timestamp": 1581000000, "comment": "Félicitations ! 🎉", "author": "Jeanne Doe"}}]}]}  # fmt: skip
    reactions = {
        "reactions": [
            {"timestamp": 1582000000, "data": [{"reaction": {"reaction": "LIKE", "actor": "Jeanne Doe"}}],
             "title": "Jeanne Doe likes Ben Sample's post."},
            {"timestamp": 1582100000, "data": [{"reaction": {"reaction": "WOW", "actor": "Jeanne Doe"}}],
             "title": "Jeanne Doe reacted to Ana Example's photo."},
        ]
    }  # fmt: skip
    profile = {
        "profile": {
            "name": {"full_name": "Jeanne Doe", "first_name": "Jeanne", "last_name": "Doe"},
            "emails": {"emails": ["jeanne.doe@example.com"]},
            "birthday": {"year": 0, "month": 3, "day": 7},
            "current_city": {"name": "Genève, Switzerland", "timestamp": 1550000000},
        }
    }
    friends = {"friends": [{"name": "Ben Sample", "timestamp": 1500000000},
                           {"name": "Ana Example", "timestamp": 1550000000}]}  # fmt: skip
    thread = {
        "participants": [{"name": "Ben Sample"}, {"name": "Jeanne Doe"}],
        "messages": [
            {"sender_name": "Jeanne Doe", "timestamp_ms": 1583000200000, "content": "Oui, à 19h 😊", "type": "Generic"},
            {"sender_name": "Ben Sample", "timestamp_ms": 1583000100000, "type": "Generic",
             "photos": [{"uri": "messages/inbox/bensample_abc123/photos/201.jpg", "creation_timestamp": 1583000100}]},
            {"sender_name": "Ben Sample", "timestamp_ms": 1583000000000, "content": "Cinéma ce soir ?",
             "type": "Generic"},
        ],
        "title": "Ben Sample",
        "is_still_participant": True,
        "thread_type": "Regular",
        "thread_path": "inbox/bensample_abc123",
    }  # fmt: skip
    searches = {"searches": [{"timestamp": 1584000000, "data": [{"text": "fondue moitié-moitié"}],
                              "title": "You searched Facebook"}]}  # fmt: skip
    logins = {"account_activity": [{"action": "Login", "timestamp": 1585500000, "ip_address": "192.0.2.10",
                                    "user_agent": "Mozilla/5.0", "city": "Genève", "country": "CH"}]}  # fmt: skip
    members = [
        ("posts/your_posts_1.json", meta_json(posts)),
        ("photos_and_videos/album/0.json", meta_json(album)),
        ("photos_and_videos/TimelinePhotos_1/101.jpg", jpeg(11)),
        ("photos_and_videos/TimelinePhotos_1/102.jpg", jpeg(12, LISBON)),
        ("comments/comments.json", meta_json(comments)),
        ("likes_and_reactions/posts_and_comments.json", meta_json(reactions)),
        ("profile_information/profile_information.json", meta_json(profile)),
        ("friends/friends.json", meta_json(friends)),
        ("messages/inbox/bensample_abc123/message_1.json", meta_json(thread)),
        ("messages/inbox/bensample_abc123/photos/201.jpg", jpeg(21)),
        ("search_history/your_search_history.json", meta_json(searches)),
        ("security_and_login_information/account_activity.json", meta_json(logins)),
        ("location/no-data.txt", b"You have no data in this section\n"),
    ]
    return [(f"{root}/{name}", data) for name, data in members]


# --- Instagram 2025+ (media/ JSON), two parts, Threads inside --------------------------------------------


def _sld(value: str, ts: int, href: str = "") -> dict[str, Any]:
    return {"href": href, "value": value, "timestamp": ts}


def instagram_parts() -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    posts = [
        {
            "media": [
                {"uri": "media/posts/202405/a1.jpg", "creation_timestamp": 1715000000,
                 "title": "Coucher de soleil à Lisboa 🌅",
                 "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 38.69, "longitude": -9.14,
                                                                      "device_id": "android-1a2b"}]}},
                 "cross_post_source": {"source_app": "FB"}},
                {"uri": "media/posts/202405/a2.jpg", "creation_timestamp": 1715000000,
                 "title": "Coucher de soleil à Lisboa 🌅"},
            ],
            "title": "Coucher de soleil à Lisboa 🌅",
            "creation_timestamp": 1715000000,
        },
        {"media": [{"uri": "media/posts/202406/b1.jpg", "creation_timestamp": 1717500000, "title": "Déjà vu ✨"}]},
        {"media": [{"uri": "media/posts/202407/c1.jpg", "creation_timestamp": 1720500000, "title": ""}],
         "title": "", "creation_timestamp": 1720500000},
    ]  # fmt: skip
    reels = {"ig_reels_media": [{"media": [{"uri": "media/reels/202407/r1.mp4", "creation_timestamp": 1721000000,
                                            "title": "Le tram 28 en 15 secondes 🚋"}]}]}  # fmt: skip
    stories = {
        "ig_stories": [
            {"uri": "media/stories/202408/s1.jpg", "creation_timestamp": 1723000000, "title": ""},
            {"uri": "media/stories/202408/s2.jpg", "creation_timestamp": 1723000500, "title": "Bom dia ☀️"},
        ]
    }
    profile_photos = {"ig_profile_picture": [{"uri": "media/profile/202301/pp.jpg", "creation_timestamp": 1673000000,
                                              "title": ""}]}  # fmt: skip
    archived = {"ig_archived_post_media": [{"media": [
        {"uri": "media/archived_posts/202312/x1.jpg", "creation_timestamp": 1702000000,
         "title": "Ancien 😅"}]}]}  # fmt: skip
    deleted = {"ig_recently_deleted_media": [{"media": [
        {"uri": "media/recently_deleted/202410/d1.jpg", "creation_timestamp": 1728000000,
         "title": "Flou"}]}]}  # fmt: skip
    post_comments = [
        {"string_map_data": {"Comment": {"value": "Magnifique 😍"}, "Media Owner": {"value": "ben_sample"},
                             "Time": {"timestamp": 1716000000}}},
        {"string_map_data": {"Comment": {"value": "Ça donne envie !"}, "Media Owner": {"value": "ana.example"},
                             "Time": {"timestamp": 1716100000}}},
    ]  # fmt: skip
    # A Dutch-language account: localized labels.
    reels_comments = {
        "comments_reels_comments": [
            {"string_map_data": {"Opmerking": {"value": "Héél mooi 👌"}, "Eigenaar van media": {"value": "ben_sample"},
                                 "Tijd": {"timestamp": 1716200000}}}
        ]
    }  # fmt: skip
    liked_posts = {
        "likes_media_likes": [
            {"title": "ben_sample", "string_list_data": [_sld("👍", 1716300000, "https://www.instagram.com/p/AAA/")]},
            {"title": "ana.example", "string_list_data": [_sld("👍", 1716400000, "https://www.instagram.com/p/BBB/")]},
        ]
    }
    liked_comments = [
        {"timestamp": 1716500000, "media": [], "label_values": [
            {"label": "URL", "value": "https://www.instagram.com/p/CCC/", "href": "https://www.instagram.com/p/CCC/"},
            {"title": "Owner", "dict": [{"dict": [{"label": "Username", "value": "ben_sample"}]}]}]},
    ]  # fmt: skip
    saved = {"saved_saved_media": [{"title": "ana.example", "string_map_data": {
        "Opgeslagen op": {"href": "https://www.instagram.com/p/DDD/", "timestamp": 1716600000}}}]}  # fmt: skip
    dm = "your_instagram_activity/messages/inbox/bensample_17841400000000001"
    dm_thread = {
        "participants": [{"name": "ben_sample"}, {"name": "Jeanne Doé"}],
        "messages": [
            _msg("Jeanne Doé", 1716700200000, "Trop bien 😂"),
            _msg("ben_sample", 1716700100000,
                 photos=[{"uri": f"{dm}/photos/m1.jpg", "creation_timestamp": 1716700100}]),
            _msg("ben_sample", 1716700000000, "Regarde ça"),
        ],
        "title": "ben_sample",
        "is_still_participant": True,
        "thread_path": "inbox/bensample_17841400000000001",
        "magic_words": [],
    }  # fmt: skip
    dm_request = {
        "participants": [{"name": "inconnu.2025"}, {"name": "Jeanne Doé"}],
        "messages": [_msg("inconnu.2025", 1716800000000, "Salut, tu vends ton vélo ?")],
        "title": "inconnu.2025",
        "thread_path": "message_requests/inconnu2025_17841400000000002",
    }
    followers = [
        {"title": "", "media_list_data": [], "string_list_data": [_sld("ben_sample", 1600000000,
                                                                       "https://www.instagram.com/ben_sample")]},
        {"title": "", "media_list_data": [], "string_list_data": [_sld("ana.example", 1610000000,
                                                                       "https://www.instagram.com/ana.example")]},
        {"title": "", "media_list_data": [], "string_list_data": [_sld("zoe.doe", 1620000000,
                                                                       "https://www.instagram.com/zoe.doe")]},
    ]  # fmt: skip
    following = {"relationships_following": [
        {"title": "ben_sample", "string_list_data": [_sld("", 1600000100, "https://www.instagram.com/ben_sample")]},
        {"title": "museu_exemplo", "string_list_data": [_sld("", 1630000000, "https://www.instagram.com/museu_exemplo")]},
    ]}  # fmt: skip
    personal = {
        "profile_user": [
            {
                "media_map_data": {"Profile Photo": {"uri": "media/profile/202301/pp.jpg",
                                                     "creation_timestamp": 1673000000, "title": ""}},
                "string_map_data": {
                    "Email": {"href": "", "value": "jeanne.doe@example.com", "timestamp": 0},
                    "Phone Number": {"href": "", "value": "+351910000000", "timestamp": 0},
                    "Username": {"href": "", "value": "jdoe", "timestamp": 0},
                    "Name": {"href": "", "value": "Jeanne Doé", "timestamp": 0},
                    "Bio": {"href": "", "value": "Café ☕ & code 💻 · Lisboa", "timestamp": 0},
                    "Gender": {"href": "", "value": "female", "timestamp": 0},
                    "Date of birth": {"href": "", "value": "1990-05-14", "timestamp": 0},
                    "Private Account": {"href": "", "value": "False", "timestamp": 0},
                },
            }
        ]
    }  # fmt: skip
    based_in = {"inferred_data_primary_location": [{"title": "", "media_map_data": {}, "string_map_data": {
        "City Name": {"href": "", "value": "Lisboa, Portugal", "timestamp": 0}}}]}  # fmt: skip
    logins = {"account_history_login_history": [
        {"title": "2024-05-01T10:00:00+00:00", "media_map_data": {}, "string_map_data": {
            "Cookie Name": {"value": "abc"}, "IP Address": {"value": "198.51.100.30"},
            "Time": {"timestamp": 1714557600}, "User Agent": {"value": "Instagram 300.0 Android"}}},
        {"title": "2024-06-01T10:00:00+00:00", "media_map_data": {}, "string_map_data": {
            "IP Address": {"value": "198.51.100.31"}, "Time": {"timestamp": 1717236000}}},
    ]}  # fmt: skip
    searches = {"searches_user": [{"title": "", "string_map_data": {
        "Search": {"value": "pastelaria"}, "Time": {"timestamp": 1716900000}}}]}  # fmt: skip
    ads_seen = {"impressions_history_ads_seen": [
        {"string_map_data": {"Author": {"value": "Bicicletas Exemplo"}, "Time": {"timestamp": 1717000000}}},
        {"string_map_data": {"Author": {"value": "Café Exemplo"}, "Time": {"timestamp": 1717100000}}},
    ]}  # fmt: skip
    topics = {"topics_your_topics": [{"string_map_data": {"Name": {"value": "Vélo"}}},
                                     {"string_map_data": {"Name": {"value": "Pâtisserie"}}}]}  # fmt: skip
    off_meta = {"apps_and_websites_off_meta_activity": [{"name": "example-shop.com", "events": [
        {"id": 1, "type": "PURCHASE", "timestamp": 1717200000}]}]}  # fmt: skip
    threads_posts = {
        "text_post_app_text_posts": [
            {"title": "", "creation_timestamp": 1720000000, "media": [
                {"uri": "", "creation_timestamp": 1720000000, "title": "Bonjour Threads 👋",
                 "text_app_post": {"reply_control": "everyone", "geo_gated_country_list": []}}]},
            {"title": "Deux photos du marché 🍅", "creation_timestamp": 1720100000, "media": [
                {"uri": "media/threads/202407/t1.jpg", "creation_timestamp": 1720100000, "title": ""}]},
            {"title": "", "creation_timestamp": 1720200000, "media": [
                {"uri": "", "creation_timestamp": 1720200000, "title": "Bien sûr ! 😄"}]},
        ]
    }  # fmt: skip
    threads_profile = {"text_post_app_text_post_app_profile": [{"string_map_data": {
        "Username": {"value": "jdoe", "timestamp": 0},
        "Name": {"value": "Jeanne Doé", "timestamp": 0},
        "Bio": {"value": "Petits mots du quotidien ✍️", "timestamp": 0},
        "Private Account": {"value": "True", "timestamp": 0}}}]}  # fmt: skip
    threads_likes = {"text_post_app_media_likes": [
        {"title": "ben_sample", "string_list_data": [_sld("", 1720300000, "https://www.threads.net/@ben_sample")]},
        {"title": "ana.example", "string_list_data": [_sld("", 1720400000, "https://www.threads.net/@ana.example")]},
    ]}  # fmt: skip
    threads_followers = {"text_post_app_text_post_app_followers": [
        {"title": "", "string_list_data": [
            _sld("ben_sample", 1720500000, "https://www.threads.net/@ben_sample")]}]}  # fmt: skip
    part_a = [
        (f"{YIA}/media/posts_1.json", meta_json(posts)),
        (f"{YIA}/media/reels.json", meta_json(reels)),
        (f"{YIA}/media/stories.json", meta_json(stories)),
        (f"{YIA}/media/profile_photos.json", meta_json(profile_photos)),
        (f"{YIA}/media/archived_posts.json", meta_json(archived)),
        (f"{YIA}/media/recently_deleted_content.json", meta_json(deleted)),
        (f"{YIA}/comments/post_comments_1.json", meta_json(post_comments)),
        (f"{YIA}/comments/reels_comments.json", meta_json(reels_comments)),
        (f"{YIA}/likes/liked_posts.json", meta_json(liked_posts)),
        (f"{YIA}/likes/liked_comments.json", meta_json(liked_comments)),
        (f"{YIA}/saved/saved_posts.json", meta_json(saved)),
        (f"{dm}/message_1.json", meta_json(dm_thread)),
        (f"{dm}/photos/m1.jpg", jpeg(31)),
        (f"{YIA}/messages/message_requests/inconnu2025_17841400000000002/message_1.json", meta_json(dm_request)),
        (f"{YIA}/threads/threads_and_replies.json", meta_json(threads_posts)),
        (f"{YIA}/threads/personal_information.json", meta_json(threads_profile)),
        (f"{YIA}/threads/liked_threads.json", meta_json(threads_likes)),
        (f"{YIA}/threads/followers.json", meta_json(threads_followers)),
        (f"{YIA}/events/no-data.txt", b"You have no data in this section\n"),
        ("connections/followers_and_following/followers_1.json", meta_json(followers)),
        ("connections/followers_and_following/following.json", meta_json(following)),
        ("personal_information/personal_information/personal_information.json", meta_json(personal)),
        ("personal_information/information_about_you/profile_based_in.json", meta_json(based_in)),
        ("security_and_login_information/login_and_profile_creation/login_activity.json", meta_json(logins)),
        ("logged_information/recent_searches/account_searches.json", meta_json(searches)),
        ("ads_information/ads_and_topics/ads_viewed.json", meta_json(ads_seen)),
        ("preferences/your_topics/your_topics.json", meta_json(topics)),
        ("apps_and_websites_off_of_instagram/apps_and_websites/your_activity_off_meta_technologies.json",
         meta_json(off_meta)),
        ("media/posts/202405/a2.jpg", jpeg(42, LISBON)),
        ("media/profile/202301/pp.jpg", jpeg(43)),
    ]  # fmt: skip
    part_b = [
        ("media/posts/202405/a1.jpg", jpeg(41, LISBON)),
        ("media/posts/202406/b1.jpg", jpeg(44)),
        ("media/posts/202407/c1.jpg", jpeg(45, LISBON)),
        ("media/reels/202407/r1.mp4", MP4),
        ("media/stories/202408/s1.jpg", jpeg(46)),
        ("media/stories/202408/s2.jpg", jpeg(47)),
        ("media/archived_posts/202312/x1.jpg", jpeg(48)),
        ("media/recently_deleted/202410/d1.jpg", jpeg(49)),
        ("media/threads/202407/t1.jpg", jpeg(50)),
    ]
    return part_a, part_b


#: The samples ``exportscope --demo`` opens (relative to sample_exports/; make_samples.py lists them in demo.toml).
DEMO = (
    FB_NEW,
    IG_A,
    IG_B,
)


def build(out_dir: Path) -> list[Path]:
    part_a, part_b = instagram_parts()
    return [
        write_zip(out_dir / FB_NEW, facebook_new()),
        write_zip(out_dir / FB_OLD, facebook_old()),
        write_zip(out_dir / IG_A, part_a),
        write_zip(out_dir / IG_B, part_b),
    ]


if __name__ == "__main__":
    for p in build(Path(__file__).resolve().parent):
        print(p)
