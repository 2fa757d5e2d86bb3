"""LinkedIn 2026 sample members: profile, content, messages and AI chats.

The account, ads and jobs files are in ``_linkedin_2026_account``.
"""

from __future__ import annotations

from _linkedin_2026_account import account_2026
from _linkedin_shapes import (
    AD_TARGETING_2024,
    CONNECTIONS_PREAMBLE,
    FEED,
    LEARNING_HEADER,
    MESSAGES_10,
    PROFILE_HEADER,
    article_html,
    csv_bytes,
    per_line,
)


def members_2026() -> list[tuple[str, bytes]]:
    profile = csv_bytes(PROFILE_HEADER, [[
        "Camille", "Lefèvre", "", "", "Mar 7", "Data engineer 🚀 | [bold]pipelines[/bold] & <script>alert(1)</script>",
        "=SUM(A1:A2) is text here.\nI build reliable pipelines.", "Software Development", "69002",
        "Lyon, Auvergne-Rhône-Alpes, France", "", "[PERSONAL:https://camille.example]", "",
    ]])  # fmt: skip
    shares = csv_bytes(
        ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
        [
            ["2025-07-01 14:33:22", f"{FEED}share%3A7000000000000000001",
             per_line('First line, with "a quote" inside', "", "Second line", "Last line"), "", "", "MEMBER_NETWORK"],
            ["2025-12-02 09:00:00", f"{FEED}ugcPost%3A7000000000000000002", "Café ☕ & croissants 🥐", "", "",
             "MEMBER_NETWORK"],
            ["2026-01-15 18:00:00", f"{FEED}groupPost%3A7000000000000000003", per_line("Group only:", "see thread", ""),
             "", "https://media.licdn.com/g/1.jpg", "CONNECTIONS"],
        ],
    )  # fmt: skip
    comments = (
        "Date,Link,Message\n"
        f'2025-11-20 09:15:02,{FEED}activity%3A7000000000000000101,"I said \\"yes\\", then left"\n'
        f'2025-11-21 10:00:00,{FEED}activity%3A7000000000000000102,"Path is C:\\data\\new, not D:"\n'
        f"2025-11-22 11:30:00,{FEED}activity%3A7000000000000000103,Merci beaucoup 🙏\n"
        f'2025-11-23 12:45:00,{FEED}activity%3A7000000000000000104,"Two lines:\nsecond, with a ""quote"""\n'
    ).encode()
    messages_header = [*MESSAGES_10, "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
    messages = csv_bytes(
        messages_header,
        [
            ["conv-0001", "", "Ada Example", "https://www.linkedin.com/in/ada-example", "Camille Lefèvre",
             "https://www.linkedin.com/in/camille-lefevre", "2025-11-20 09:15:02 UTC", "",
             "Hi Camille,\nsee you Monday.", "INBOX", "", "No", "No"],
            ["conv-0001", "", "Camille Lefèvre", "https://www.linkedin.com/in/camille-lefevre", "Ada Example",
             "https://www.linkedin.com/in/ada-example", "2025-11-20 10:02:40 UTC", "", "Parfait, à lundi ! 😊", "INBOX",
             "https://www.linkedin.com/dms/a1,https://www.linkedin.com/dms/a2", "No", "No"],
            ["conv-0002", "Project [bold]X[/bold]", "Camille Lefèvre", "https://www.linkedin.com/in/camille-lefevre",
             "Ben Sample, Dana Roe", "https://www.linkedin.com/in/ben-sample,https://www.linkedin.com/in/dana-roe",
             "2026-01-05 16:00:00 UTC", "", "<script>alert('hi')</script> draft idea", "", "", "Yes", "No"],
            ["conv-0003", "Sponsored Conversation", "LinkedIn Member", "", "Camille Lefèvre", "",
             "2026-02-01 08:00:00 UTC", "Your next role", "<p>Hello %FIRSTNAME%,</p><p>We&#39;re hiring.</p>", "INBOX",
             "", "No", "No"],
        ],
        quote_all=True,
    )  # fmt: skip
    guide = csv_bytes(
        MESSAGES_10,
        [
            ["guide-1", "", "Camille Lefèvre", "https://www.linkedin.com/in/camille-lefevre", "LinkedIn Guide", "",
             "2026-02-10 09:00:00 UTC", "", "How do I write a better headline?", ""],
            ["guide-1", "", "LinkedIn Guide", "", "Camille Lefèvre", "https://www.linkedin.com/in/camille-lefevre",
             "2026-02-10 09:00:05 UTC", "", "Lead with what you do and for whom.", ""],
        ],
        quote_all=True,
    )  # fmt: skip
    ad_header = [*AD_TARGETING_2024, "Recent Device OS", "High Value Audience Segments", "Standard Audience Segments"]
    ad_values = [""] * len(ad_header)
    for i, v in (
        (0, "25 to 34"),
        (2, "Acme SA"),
        (5, "Widget SARL;Example Ltd"),
        (27, "Python;SQL;Polars"),
        (28, "Data Engineer"),
        (30, "Staff Engineer"),
        (32, "Android"),
        (34, "Tech decision makers"),
    ):
        ad_values[i] = v
    learning = (
        ",".join(LEARNING_HEADER) + '\n"Writing for the web","","COURSE","2026-01-20 19:00 UTC","","false","",\n'
    ).encode()
    notes = csv_bytes(
        ["Connection First Name", "Connection Last Name", "Connection Profile URL", "Note", "Created On", "Edited On"],
        [["Ada", "Example", "https://www.linkedin.com/in/ada-example", "Met at PyCon; likes Polars", "2025-10-01", ""]],
    )  # fmt: skip
    connections = CONNECTIONS_PREAMBLE.encode() + csv_bytes(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [
            ["Ada", "Example", "https://www.linkedin.com/in/ada-example", "", "Example Ltd", "Engineer", "20 Mar 2024"],
            ["Émile", "Zola-Test", "https://www.linkedin.com/in/emile", "", "=Formula Inc", "", "01 Dec 2025"],
            ["", "", "", "", "", "", "07 Jun 2025"],
        ],
    )  # fmt: skip
    return [
        ("Profile.csv", profile),
        ("Profile Summary.csv", csv_bytes(["Profile Summary"], [["I build reliable pipelines.\nIn Lyon and remote."]])),
        (
            "Positions.csv",
            csv_bytes(
                ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                [
                    ["Acme SA", "Staff Data Engineer", "Batch & streaming.", "Lyon", "Apr 2022", ""],
                    ["Widget SARL", "Data Engineer", "", "Paris", "2018", "Mar 2022"],
                ],
            ),
        ),
        (
            "Education.csv",
            csv_bytes(
                ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                [["Université Exemple", "2013", "2018", "", "Master Informatique", "Club d'échecs"]],
            ),
        ),
        ("Skills.csv", csv_bytes(["Name"], [["Python"], ["SQL"], ["Polars"], ["Apache Kafka"]])),
        (
            "Languages.csv",
            csv_bytes(["Name", "Proficiency"], [["French", "Native or bilingual proficiency"], ["English", ""]]),
        ),
        ("Honors.csv", csv_bytes(["Title", "Description", "Issued On"], [["Hackathon winner", "", "Jun 2019"]])),
        (
            "Publications.csv",
            csv_bytes(
                ["Name", "Published On", "Description", "Publisher", "Url"],
                [["Streaming in practice", "Mar 2024", "", "Example Press", ""]],
            ),
        ),
        (
            "Volunteering.csv",
            csv_bytes(
                ["Company Name", "Role", "Cause", "Started On", "Finished On", "Description"],
                [["Code Club Lyon", "Mentor", "EDUCATION", "Sep 2020", "", "Teaching kids to code."]],
            ),
        ),
        (
            "Recommendations_Received.csv",
            csv_bytes(
                ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
                [
                    [
                        "Ada",
                        "Example",
                        "Example Ltd",
                        "Engineer",
                        "Camille's pipelines never break.",
                        "1/12/26, 9:14 AM",
                        "VISIBLE",
                    ]
                ],
            ),
        ),
        (
            "Endorsement_Given_Info.csv",
            csv_bytes(
                [
                    "Endorsement Date",
                    "Skill Name",
                    "Endorsee First Name",
                    "Endorsee Last Name",
                    "Endorsee Public Url",
                    "Endorsement Status",
                ],
                [["2025/04/01 11:05:54 UTC", "SQL", "Ada", "Example", "www.linkedin.com/in/ada-example", "ACCEPTED"]],
            ),
        ),
        (
            "Rich_Media.csv",
            csv_bytes(
                ["Date/Time", "Media Description", "Media Link"],
                [
                    ["You uploaded a photo on March 9, 2026 at 2:58 PM (GMT)", " -", "https://media.licdn.com/r/1.jpg"],
                    [
                        "You uploaded a video on January 15, 2026 at 6:00 PM (GMT)",
                        "Conférence à Lyon",
                        "https://media.licdn.com/r/2.mp4",
                    ],
                ],
            ),
        ),
        ("Shares_7000000001.csv", shares),
        ("Comments_7000000002.csv", comments),
        (
            "Reactions_7000000003.csv",
            csv_bytes(
                ["Date", "Type", "Link"],
                [
                    ["2026-01-01 10:00:00", "LIKE", f"{FEED}activity%3A1"],
                    ["2026-01-02 10:00:00", "APPRECIATION", f"{FEED}activity%3A2"],
                    ["2026-01-03 10:00:00", "LIKE", f"{FEED}activity%3A3"],
                ],
            ),
        ),
        (
            "Votes_7000000004.csv",
            csv_bytes(["Date", "Link", "OptionText"], [["2026-02-14 12:00:00", f"{FEED}activity%3A4", "Spaces 🚀"]]),
        ),
        (
            "InstantReposts_7000000005.csv",
            csv_bytes(["Date", "Link"], [["2026-02-15 12:00:00", f"{FEED}activity%3A5"]]),
        ),
        (
            "Saved_Items_7000000006.csv",
            csv_bytes(["savedItem", "CreatedTime"], [[f"{FEED}activity%3A6", "2026-02-16 12:00:00"]]),
        ),
        (
            "Member_Follows_7000000007.csv",
            csv_bytes(["Date", "Status", "FullName"], [["2026-02-17 12:00:00", "Active", "Ada Example"]]),
        ),
        (
            "Articles/Articles/réflexions-sur-les-données.html",
            article_html(
                "Réflexions sur les données",
                "https://www.linkedin.com/pulse/reflexions-sur-les-donnees-camille",
                "2025-03-01 10:00",
                "Published on 2025-03-02 08:30",
                "<p>Les données &amp; l&#39;IA : <b>attention</b>.</p><script>track()</script><p>Fin 🚀</p>",
            ),
        ),
        (
            "Articles/Articles/untitled-draft.html",
            article_html(
                "Untitled",
                "https://www.linkedin.com/post/edit/7000000000000000999",
                "2026-02-20 21:00",
                "Not published yet",
                "<p>Half an idea about [bold]streaming[/bold].</p>",
            ),
        ),
        ("Connections.csv", connections),
        (
            "Invitations.csv",
            csv_bytes(
                ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
                [
                    [
                        "Camille Lefèvre",
                        "Émile Zola-Test",
                        "11/30/25, 4:12 PM",
                        "Ravi de vous avoir rencontré 👋",
                        "OUTGOING",
                        "https://www.linkedin.com/in/camille-lefevre",
                        "https://www.linkedin.com/in/emile",
                    ],
                    [
                        "Gus Ode",
                        "Camille Lefèvre",
                        "12/1/25, 9:00 AM",
                        "",
                        "INCOMING",
                        "https://www.linkedin.com/in/gus",
                        "https://www.linkedin.com/in/camille-lefevre",
                    ],
                ],
            ),
        ),
        ("messages.csv", messages),
        ("guide_messages.csv", guide),
        ("LearningCoachMessages.csv", b"No conversations found\n"),
        ("learning_role_play_messages.csv", csv_bytes(MESSAGES_10, [], quote_all=True)),
        ("Ad_Targeting.csv", csv_bytes(ad_header, [ad_values])),
        ("Learning.csv", learning),
        ("Notes.csv", notes),
        (
            "ImportedContacts.csv",
            csv_bytes(
                [
                    "FirstName",
                    "MiddleName",
                    "LastName",
                    "Emails",
                    "PhoneNumbers",
                    "Title",
                    "Location",
                    "CreatedAt",
                    "UpdatedAt",
                ],
                [["Ida", "", "Voss", "ida@example.org", "", "", "", "2025-05-05 10:00:00", ""]],
            ),
        ),
        ("Calendar.csv", csv_bytes(["Owner", "Source", "LastSyncedAt"], [["camille@example.fr", "GOOGLE", ""]])),
        *account_2026(),
    ]
