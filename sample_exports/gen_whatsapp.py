"""WhatsApp samples: four chat exports and an account information report (all content invented).

Written deterministically into ``sample_exports/whatsapp/`` (run ``python sample_exports/make_samples.py``).
Each file carries the quirks of shared/reference/whatsapp.md:

- ``WhatsApp Chat with Alice.txt``: Android, English (UK), day first, 24-hour clock, LF; multi-line messages,
  emoji, ``<Media omitted>``, an attached photo that is not in the export, a poll, a shared location, an
  edited and a deleted message.
- ``WhatsApp Chat - Famille.zip``: iOS, French, ``_chat.txt`` with CRLF and U+200E marks, a group with
  system lines (one a subject change holding ``" : "``), a missed call, and two attached files in the zip.
- ``WhatsApp Chat with Meta AI.txt``: Android, English (US), month first, 12-hour clock with U+202F.
- ``WhatsApp Chat with Jörg.txt``: Android, German, dotted two-digit-year dates, ``<Medien ausgeschlossen>``
  and ``(Datei angehängt)``.
- ``WhatsApp Chat with Lucía.txt``: Android, Spanish, ``a. m.``/``p. m.``, and every day <= 12: the date
  order is ambiguous and is resolved from the message order (the summary says so).
- ``whatsapp_account_info.zip``: the "Request account info" report, JSON with HTML twins.
"""

from __future__ import annotations

import json
from pathlib import Path

from _zipkit import write_zip

LRM = "\u200e"
NNBSP = "\u202f"

#: An 8x6 JPEG (made once with Pillow, frozen here so the samples never depend on an encoder version).
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d"
    "3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238"
    "426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363ffc0"
    "0011080006000803012200021101031101ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400"
    "b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f0243362"
    "7282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778"
    "797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8"
    "d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a"
    "0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352"
    "f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a7374"
    "75767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3"
    "d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00968a28af2cf54fffd9"
)
#: The start of an Ogg Opus voice note (header pages only; enough for a file of the right kind and size).
OPUS = b"OggS\x00\x02" + bytes(20) + b"\x01\x13OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00" + bytes(960)

E2E_EN = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or "
    "listen to them. Tap to learn more."
)

ALICE = [
    f"12/06/2025, 19:02 - {E2E_EN}",
    "12/06/2025, 19:02 - Alice: Hi Sam! Are we still on for Saturday? 🚲",
    "12/06/2025, 19:05 - Sam: Yes! Meet at the station at 9?",
    "12/06/2025, 19:05 - Alice: Perfect. I'll bring the map and snacks",
    "Also: don't forget your helmet this time 😅",
    "And sunscreen.",
    "13/06/2025, 08:14 - Sam: <Media omitted>",
    "13/06/2025, 08:15 - Sam: The new bike!! 😍",
    "13/06/2025, 08:20 - Alice: Wow, it's beautiful. Red suits you <This message was edited>",
    "13/06/2025, 12:47 - Alice: IMG-20250613-WA0004.jpg (file attached)",
    "13/06/2025, 12:47 - Alice: The route I had in mind",
    "13/06/2025, 21:30 - Sam: You deleted this message",
    "13/06/2025, 21:31 - Sam: Ignore that, wrong chat 🙈",
    "14/06/2025, 08:58 - Alice: Location: https://maps.google.com/?q=51.5283,-0.1431",
    "14/06/2025, 08:59 - Alice: I'm at the café by the entrance",
    "14/06/2025, 09:03 - Sam: 2 min!",
    "15/06/2025, 10:12 - Alice: POLL:",
    "Next ride?",
    "OPTION: Richmond Park (1 vote)",
    "OPTION: Epping Forest (1 vote)",
    "",
    "15/06/2025, 10:30 - Sam: Richmond for sure",
    "16/06/2025, 18:45 - Alice: Thanks for Saturday, that was great. Same time next month? : )",
    "16/06/2025, 18:47 - Sam: Deal 👍",
]

FAMILLE = [
    f"[01/06/2025 18:22:10] Famille: {LRM}Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, "
    "pas même WhatsApp, ne peut les lire ou les écouter.",
    f"[01/06/2025 18:22:10] Famille: {LRM}Maman a créé le groupe « Famille »",
    f"[01/06/2025 18:22:10] Famille: {LRM}Maman vous a ajouté",
    "[01/06/2025 18:25:42] Maman: Coucou tout le monde ! 😘",
    "[01/06/2025 18:26:03] Papa: Salut la famille",
    f"[02/06/2025 09:12:55] Léa: {LRM}image absente",
    "[02/06/2025 09:13:20] Léa: Le chat a encore dormi dans le panier à linge 🐈",
    "[07/06/2025 20:40:01] Papa: Qui vient dimanche ?",
    "On fait un barbecue si le temps le permet.",
    "Réponse avant vendredi svp",
    "[07/06/2025 20:41:17] Hugo: Moi !",
    f"[14/06/2025 10:02:11] Hugo: {LRM}<pièce jointe : 00000012-PHOTO-2025-06-14-10-02-11.jpg>",
    f"[14/06/2025 10:05:40] Maman: {LRM}<pièce jointe : 00000015-AUDIO-2025-06-14-10-05-40.opus>",
    f"[14/06/2025 10:06:00] Famille: {LRM}Papa a modifié le sujet de « Famille » en « Famille : vacances d'été »",
    f"[14/06/2025 11:30:00] Papa: {LRM}Appel vocal manqué",
    f"[15/06/2025 08:01:09] Hugo: {LRM}Vous avez supprimé ce message.",
    "[15/06/2025 08:01:30] Hugo: Pardon, mauvais message 😇",
    "[15/06/2025 12:15:44] Léa: Localisation : https://maps.google.com/?q=43.2965,5.3698",
    "[15/06/2025 12:16:02] Maman: Bon appétit à tous ❤️",
]

META_AI = [
    f"1/14/25, 9:02{NNBSP}PM - Messages are generated by AI. Some may be inaccurate or inappropriate.",
    f"1/14/25, 9:02{NNBSP}PM - Sam: What can I cook with leeks, potatoes and some cream?",
    f"1/14/25, 9:02{NNBSP}PM - Meta AI: A classic leek and potato soup! Here's a simple version:",
    "1. Soften 2 sliced leeks in butter for 8 minutes.",
    "2. Add 3 diced potatoes and 1 litre of stock, simmer 20 minutes.",
    "3. Blend, stir in the cream, season to taste.",
    f"1/14/25, 9:05{NNBSP}PM - Sam: Can I freeze it?",
    f"1/14/25, 9:05{NNBSP}PM - Meta AI: Yes, for up to 3 months. Add the cream after thawing for the best texture.",
    f"1/15/25, 7:41{NNBSP}AM - Sam: <Media omitted>",
    f"1/15/25, 7:41{NNBSP}AM - Sam: What plant is this? It grows on my balcony",
    f"1/15/25, 7:41{NNBSP}AM - Meta AI: It looks like a common ivy (Hedera helix). It is hardy and likes shade.",
    f"1/15/25, 12:03{NNBSP}PM - Sam: thanks!",
]

JORG = [
    "13.06.25, 21:25 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats, "
    "nicht einmal WhatsApp, kann sie lesen oder anhören. Tippe, um mehr zu erfahren.",
    "13.06.25, 21:25 - Jörg: Hallo Sam, hier ist Jörg vom Fahrradladen 🚴",
    "13.06.25, 21:26 - Jörg: Dein Rad ist fertig, du kannst es ab morgen abholen.",
    "13.06.25, 21:40 - Sam: Super, danke! Was kostet es?",
    "14.06.25, 09:02 - Jörg: IMG-20250614-WA0003.jpg (Datei angehängt)",
    "14.06.25, 09:02 - Jörg: Rechnung: 84,50 €",
    "14.06.25, 09:15 - Sam: <Medien ausgeschlossen>",
    "14.06.25, 09:16 - Sam: Du hast diese Nachricht gelöscht.",
    "14.06.25, 09:17 - Jörg: Diese Nachricht wurde gelöscht.",
    "14.06.25, 17:58 - Sam: Bin in 10 Minuten da.",
]

LUCIA = [
    "3/1/25, 9:15 a. m. - Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este "
    "chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.",
    "3/1/25, 9:15 a. m. - Lucía: ¡Feliz año, Sam! 🎉",
    "3/1/25, 9:40 a. m. - Sam: ¡Igualmente! ¿Qué tal las vacaciones?",
    "5/1/25, 12:40 a. m. - Lucía: <Multimedia omitido>",
    "5/1/25, 12:41 a. m. - Lucía: La nieve en Granada",
    "9/1/25, 6:05 p. m. - Sam: IMG-20250109-WA0007.jpg (archivo adjunto)",
    "9/1/25, 6:05 p. m. - Sam: Y aquí lloviendo 🌧️",
    "2/2/25, 11:20 a. m. - Sam: Eliminaste este mensaje.",
    "7/2/25, 8:02 p. m. - Lucía: ¿Quedamos el sábado?",
    "Podemos ir al mercado y luego comer algo.",
    "1/3/25, 10:10 a. m. - Sam: ¡Vale!",
]


def _text(lines: list[str], newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode("utf-8")


def _report() -> list[tuple[str, bytes]]:
    files: dict[str, object] = {
        "user_information": {
            "wa_user_info": {
                "name": "Sam Rivera",
                "phone_number": "+44 7700 900123",
                "about": "Out riding 🚲",
                "profile_photo": "profile_photo.jpg",
                "last_connection_time": "2025-11-18T21:14:03Z",
                "last_connection_ip": "203.0.113.42",
                "carrier": "Example Mobile UK",
                "device": {
                    "manufacturer": "Google",
                    "model": "Pixel 8",
                    "os": "Android",
                    "os_version": "15",
                    "app_version": "2.25.21.78",
                },
                "shares_data_with_facebook": False,
            }
        },
        "registration_information": {
            "wa_registration_info": {
                "phone_number": "+44 7700 900123",
                "registration_time": "2016-04-02T10:41:07Z",
                "platform": "android",
                "device_manufacturer": "Google",
            }
        },
        "account_settings": {
            "wa_account_settings": {
                "last_seen_privacy": "My contacts",
                "profile_photo_privacy": "Everyone",
                "about_privacy": "My contacts",
                "read_receipts": True,
                "groups_privacy": "My contacts",
                "default_message_timer": "Off",
                "two_step_verification": True,
                "security_notifications": False,
            }
        },
        "contacts": {
            "wa_contacts": [
                {"phone_number": "+44 7700 900456"},
                {"phone_number": "+33 6 00 00 12 34"},
                {"phone_number": "+49 151 00000789"},
                {"phone_number": "+34 600 000 321"},
                {"phone_number": "+1 202 555 0147"},
            ]
        },
        "groups": {
            "wa_groups": [
                {"name": "Famille", "creation_time": "2025-06-01T16:22:10Z", "participants": 5, "is_admin": False},
                {
                    "name": "Sunday riders 🚴",
                    "creation_time": "2023-03-12T08:00:00Z",
                    "participants": 14,
                    "is_admin": True,
                },
            ]
        },
        "terms_of_service": {"wa_terms_of_service": [{"version": "2021-05", "accepted_time": "2021-05-14T19:03:00Z"}]},
    }
    members: list[tuple[str, bytes]] = [("index.html", _index(list(files)))]
    for name, data in files.items():
        members.append((f"{name}.json", json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")))
        members.append((f"{name}.html", _html(name, data)))
    return members


def _index(names: list[str]) -> bytes:
    links = "".join(f'<li><a href="{n}.html">{n.replace("_", " ").capitalize()}</a></li>' for n in names)
    head = "<!DOCTYPE html><html><head><title>WhatsApp account information</title></head>"
    return f"{head}<body><ul>{links}</ul></body></html>".encode()


def _html(name: str, data: object) -> bytes:
    (body,) = data.values()  # type: ignore[attr-defined]
    rows: list[str] = []
    entries = body if isinstance(body, list) else [body]
    for entry in entries:
        cells = "".join(f"<td>{k}: {v}</td>" for k, v in entry.items())
        rows.append(f"<tr>{cells}</tr>")
    title = name.replace("_", " ").capitalize()
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<h1>{title}</h1><table>{''.join(rows)}</table></body></html>"
    ).encode()


#: The samples ``exportscope --demo`` opens (relative to sample_exports/; make_samples.py lists them in demo.toml).
DEMO = (
    "whatsapp/WhatsApp Chat with Alice.txt",
    "whatsapp/WhatsApp Chat - Famille.zip",
    "whatsapp/WhatsApp Chat with Meta AI.txt",
    "whatsapp/whatsapp_account_info.zip",
)


def build(out_dir: Path) -> list[Path]:
    folder = out_dir / "whatsapp"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, lines in (
        ("WhatsApp Chat with Alice.txt", ALICE),
        ("WhatsApp Chat with Meta AI.txt", META_AI),
        ("WhatsApp Chat with Jörg.txt", JORG),
        ("WhatsApp Chat with Lucía.txt", LUCIA),
    ):
        path = folder / name
        path.write_bytes(_text(lines))
        written.append(path)
    written.append(
        write_zip(
            folder / "WhatsApp Chat - Famille.zip",
            [
                ("_chat.txt", _text(FAMILLE, "\r\n")),
                ("00000012-PHOTO-2025-06-14-10-02-11.jpg", JPEG),
                ("00000015-AUDIO-2025-06-14-10-05-40.opus", OPUS),
            ],
        )
    )
    written.append(write_zip(folder / "whatsapp_account_info.zip", _report()))
    return written
