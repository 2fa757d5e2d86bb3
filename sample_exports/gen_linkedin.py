"""LinkedIn sample exports of three eras, with the real formats' quirks (shared/reference/linkedin.md).

- ``linkedin-2018/``: one zip with the six UTF-16LE, tab-separated, all-quoted files, ``Messages.csv``
  with HTML entities and D6 dates, flat ``Articles/<date>.html``, an unquoted D6 date in Registration.csv.
- ``linkedin-2024/``: a Basic + Complete pair of adjacent dates, the Complete repeating the profile files;
  CRLF activity files, unquoted multi-line Comments, per-line quoted Shares, ``Rich Media.csv``.
- ``linkedin-2026/``: ``_<digits>`` suffixes, fully quoted messages.csv with ATTACHMENTS and draft flags,
  ``\\"`` escapes in Comments, Ad_Targeting's duplicate columns, Learning's trailing comma, the
  LearningCoachMessages sentinel, nested articles (published + draft), Jobs parts and an unknown file.

All people, companies and texts are invented. Awkward values on purpose: accents, emoji, Rich markup,
``<script>``, a leading ``=``, empty fields. ``build`` is deterministic (fixed zip metadata, fixed order).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from _zipkit import write_zip

Rows = Sequence[Sequence[str]]


# --- byte shapes -------------------------------------------------------------------------------------------


def csv_bytes(header: Sequence[str], rows: Rows, *, crlf: bool = False, quote_all: bool = False) -> bytes:
    """A CSV as LinkedIn writes it: commas, ``""`` escapes, LF (or CRLF for 2024 activity files)."""
    buf = io.StringIO()
    writer = csv.writer(
        buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def utf16_tsv(header: Sequence[str], rows: Rows) -> bytes:
    """2018: UTF-16LE with the ``FF FE`` BOM, tab-separated, every field quoted."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return b"\xff\xfe" + buf.getvalue().encode("utf-16-le")


def per_line(*lines: str, newline: str = "\n") -> str:
    """A multi-line ShareCommentary as LinkedIn wraps it: lines joined by ``"`` + newline + ``"``."""
    return f'"{newline}"'.join(lines)


PROFILE_HEADER = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
    "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]  # fmt: skip
#: messages.csv until early 2023; from mid-2023 RECIPIENT PROFILE URLS follows TO (the AI chats use that too).
MESSAGES_9 = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]
MESSAGES_10 = [*MESSAGES_9[:5], "RECIPIENT PROFILE URLS", *MESSAGES_9[5:]]
AD_TARGETING_2024 = [
    "Member Age", "Buyer Groups", "Company Names", "Company Names", "Company Follower of", "Company Names",
    "Company Category", "Company Size", "Degrees", "degreeClass", "Member Schools", "Company Growth Rate",
    "Fields of Study", "Company Connections", "Function By Size", "Job Functions", "Member Gender",
    "Graduation Year", "Member Groups", "Company Industries", "Member Interests", "Interface Locales",
    "interfaceLocale", "Member Traits", "Profile Locations", "Company Revenue", "Job Seniorities",
    "Member Skills", "Job Titles", "Job Titles", "Job Titles", "Years of Experience",
]  # fmt: skip
LEARNING_HEADER = [
    "Content Title", "Content Description", "Content Type", "Content Last Watched Date (if viewed)",
    "Content Completed At (if completed)", "Content Saved", "Notes taken on videos (if taken)", "",
]  # fmt: skip
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You '
    "will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
FEED = "https://www.linkedin.com/feed/update/urn%3Ali%3A"


def article_html(title: str, link: str, created: str | None, published: str | None, body: str) -> bytes:
    """An article page in LinkedIn's order: cover image, h1 link, created, published/draft line, body."""
    parts = [
        '<html><head><meta charset="UTF-8"><title>', title, "</title><style>p{margin:0}</style></head><body>",
        '<img src="https://media.licdn.com/cover.jpg" alt="">',
        f'<h1><a href="{link}">{title}</a></h1>',
    ]  # fmt: skip
    if created:
        parts.append(f'<p class="created">Created on {created}</p>')
    if published:
        parts.append(f'<p class="published">{published}</p>')
    parts.append(f"<div>{body}</div></body></html>")
    return "".join(parts).encode("utf-8")


# --- 2018 --------------------------------------------------------------------------------------------------


def members_2018() -> list[tuple[str, bytes]]:
    profile_2018 = [
        "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Contact Instructions", "Headline",
        "Summary", "Industry", "Country", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
        "Instant Messengers",
    ]  # fmt: skip
    registration = (
        b"Registration Date,Registration IP Address,Invited by (First Name),Invited by (Last Name),"
        b"Subscription Types\n"
        b"1/12/10, 9:14 AM,198.51.100.7,Jo,Smith,BASIC\n"  # unquoted D6: one field too many
    )
    messages = csv_bytes(
        ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
        [
            [
                "Dana Roe",
                "Ben Sample",
                "3/2/18, 4:05 PM",
                "Coffee?",
                "Hi Ben, it&rsquo;s been a while &amp; I&nbsp;moved.",
                "INCOMING",
                "INBOX",
            ],
            [
                "Ben Sample",
                "Dana Roe",
                "3/2/18, 6:40 PM",
                "Coffee?",
                "Sure &ndash; Tuesday works.\nSee you!",
                "OUTGOING",
                "INBOX",
            ],
            [
                "Recruiter Bot",
                "Ben Sample",
                "4/15/18, 10:01 AM",
                "Opportunity",
                "&lt;b&gt;Great&lt;/b&gt; role for you",
                "INCOMING",
                "ARCHIVE",
            ],
        ],
    )
    return [
        (
            "Profile.csv",
            csv_bytes(
                profile_2018,
                [
                    [
                        "Ben",
                        "Sample",
                        "",
                        "",
                        "Jul 14, 1985",
                        "Message me here",
                        "Product manager",
                        "Helping teams ship.",
                        "Internet",
                        "us",
                        "94107",
                        "San Francisco Bay Area",
                        "",
                        "",
                        "",
                    ]
                ],
            ),
        ),
        (
            "Positions.csv",
            csv_bytes(
                ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                [
                    ["Sample Corp", "Product manager", "Roadmaps and user research.", "San Francisco", "Feb 2015", ""],
                    ["Earlier Inc", "Analyst", "", "Oakland", "2011", "Jan 2015"],
                ],
            ),
        ),
        (
            "Education.csv",
            csv_bytes(
                ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                [["State University", "2007", "2011", "", "BSc Economics", "Chess club"]],
            ),
        ),
        ("Skills.csv", csv_bytes(["Name"], [["Product Management"], ["SQL"], ["User Research"]])),
        (
            "Projects.csv",
            csv_bytes(
                ["Title", "Description", "Url", "Start Date", "End Date"],
                [["Pricing revamp", "Rebuilt pricing pages.", "", "Mar 2016", "Jun 2016"]],
            ),
        ),
        (
            "Honors.csv",
            csv_bytes(
                ["Title", "Description", "Issuer", "Issue Date"], [["PM of the year", "", "Sample Corp", "Dec 2017"]]
            ),
        ),
        ("Causes You Care About.csv", csv_bytes(["Supported Cause"], [["Education"], ["Environment"]])),
        (
            "Recommendations_Received.csv",
            csv_bytes(
                ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
                [
                    [
                        "Dana",
                        "Roe",
                        "Earlier Inc",
                        "Director",
                        "Ben asks the right questions.",
                        "11/3/17, 2:10 PM",
                        "VISIBLE",
                    ]
                ],
            ),
        ),
        (
            "Connections.csv",
            csv_bytes(
                ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
                [
                    ["Dana", "Roe", "dana@example.org", "Earlier Inc", "Director", "6/1/15, 9:00 AM"],
                    ["Eli", "Park", "", "Sample Corp", "Engineer", "2/20/17, 5:30 PM"],
                ],
            ),
        ),
        (
            "Invitations.csv",
            csv_bytes(
                ["From", "To", "Sent At", "Message", "Direction"],
                [
                    ["Ben Sample", "Fay Lin", "1/9/18, 8:00 AM", "Great talk at the meetup!", "OUTGOING"],
                    ["Gus Ode", "Ben Sample", "2/1/18, 1:15 PM", "", "INCOMING"],
                ],
            ),
        ),
        ("Messages.csv", messages),
        ("Phone Numbers.csv", csv_bytes(["Extension", "Number", "Type"], [["", "+1 415 555 0100", "Mobile"]])),
        (
            "Email Addresses.csv",
            csv_bytes(
                ["Email Address", "Confirmed", "Primary", "Updated On"],
                [["ben@example.com", "Yes", "Yes", "1/12/10, 9:14 AM"]],
            ),
        ),
        ("Registration.csv", registration),
        (
            "Imported Contacts.csv",
            csv_bytes(
                [
                    "First Name",
                    "Last Name",
                    "Companies",
                    "Title",
                    "Email Address",
                    "Phone Numbers",
                    "Created At",
                    "Instant Message Handles",
                    "Addresses",
                    "Sites",
                    "Full Name",
                    "Birthday",
                    "Location",
                    "Bookmarked At",
                    "Profiles",
                ],
                [
                    [
                        "Hal",
                        "Ito",
                        "",
                        "",
                        "hal@example.net",
                        "",
                        "5/5/16, 3:00 PM",
                        "",
                        "",
                        "",
                        "Hal Ito",
                        "",
                        "",
                        "",
                        "",
                    ]
                ],
            ),
        ),
        (
            "Videos.csv",
            csv_bytes(
                ["Description", "Link"],
                [["Team offsite recap", "https://video.example/v/1"], ["", "https://video.example/v/2"]],
            ),
        ),
        (
            "Articles/2017-11-02 09:30:00.html",
            article_html(
                "Why roadmaps fail",
                "https://www.linkedin.com/pulse/why-roadmaps-fail-ben-sample",
                None,
                None,
                "<p>Most roadmaps are wish lists &amp; promises.</p><p>Ship less, learn more.</p>",
            ),
        ),
        ("Account Status History.csv", utf16_tsv(["Time", "Event"], [["2010/01/12 09:14:00 UTC", "Account created"]])),
        (
            "Ad Targeting.csv",
            utf16_tsv(
                ["Member Age", "Company Names", "Member Skills", "Job Seniorities"],
                [["25 to 34", "Sample Corp;Earlier Inc", "Product Management;SQL", ""]],
            ),
        ),
        (
            "Logins.csv",
            utf16_tsv(
                ["Login Date", "IP Address", "User Agent", "Login Type"],
                [
                    ["2018/05/01 08:00:01 UTC", "198.51.100.7", "Mozilla/5.0", "WEB"],
                    ["2018/05/10 19:22:45 UTC", "198.51.100.8", "LinkedIn/9.1 iOS", "MOBILE"],
                ],
            ),
        ),
        (
            "Search Queries.csv",
            utf16_tsv(
                ["Time", "Search Query"],
                [["2018/04/02 12:00:00 UTC", "product manager jobs"], ["2018/04/03 12:30:00 UTC", "Dana Roe"]],
            ),
        ),
        (
            "Security Challenges.csv",
            utf16_tsv(
                ["Challenge Date", "IP Address", "User Agent", "Country", "Challenge Type"],
                [["2018/03/01 07:00:00 UTC", "203.0.113.9", "Mozilla/5.0", "US", "EMAIL_PIN"]],
            ),
        ),
        (
            "Shares.csv",
            utf16_tsv(
                [
                    "Date",
                    "Share Title",
                    "Share Description",
                    "Share Link",
                    "Share Commentary",
                    "Shared URL",
                    "Media URL",
                    "Type",
                    "Visibility",
                ],
                [
                    [
                        "2018/04/01 11:05:54 UTC",
                        "",
                        "",
                        f"{FEED}share%3A6000000000000000001",
                        "Shipped our new onboarding today 🎉",
                        "",
                        "",
                        "SHARE",
                        "Public",
                    ],
                    [
                        "2018/04/20 16:45:00 UTC",
                        "Roadmaps",
                        "An article",
                        f"{FEED}share%3A6000000000000000002",
                        'Thoughts on "roadmaps"\nfor my network',
                        "https://example.com/roadmaps",
                        "",
                        "SHARE",
                        "Connections",
                    ],
                ],
            ),
        ),
    ]


# --- 2024 --------------------------------------------------------------------------------------------------


def profile_2024() -> list[tuple[str, bytes]]:
    """The profile files both zips of the 2024 pair hold (the Complete one repeats them)."""
    return [
        (
            "Profile.csv",
            csv_bytes(
                PROFILE_HEADER,
                [
                    [
                        "Ada",
                        "Example",
                        "",
                        "",
                        "Nov 30",
                        "Engineer at Example Ltd",
                        "I like tidy data.",
                        "Software Development",
                        "",
                        "Berlin, Germany",
                        "",
                        "",
                        "",
                    ]
                ],
            ),
        ),
        (
            "Positions.csv",
            csv_bytes(
                ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                [["Example Ltd", "Engineer", "Data pipelines.", "Berlin", "Jan 2021", ""]],
            ),
        ),
        (
            "Education.csv",
            csv_bytes(
                ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                [["TU Example", "2014", "2019", "", "MSc Informatics", ""]],
            ),
        ),
        ("Skills.csv", csv_bytes(["Name"], [["Python"], ["Polars"]])),
    ]


def basic_2024() -> list[tuple[str, bytes]]:
    connections = CONNECTIONS_PREAMBLE.encode() + csv_bytes(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [
            ["Ben", "Sample", "https://www.linkedin.com/in/ben-sample", "", "Sample Corp", "PM", "20 Mar 2024"],
            ["Chloé", "Müller", "https://www.linkedin.com/in/chloe-mueller", "chloe@example.de", "", "", "02 Feb 2023"],
            ["", "", "", "", "", "", "07 Jun 2024"],
        ],
    )
    messages = csv_bytes(
        MESSAGES_10,
        [
            ["2-AbC1", "", "Ben Sample", "https://www.linkedin.com/in/ben-sample", "Ada Example",
             "https://www.linkedin.com/in/ada-example", "2024-05-02 08:01:10 UTC", "", "Lunch on Friday?", "INBOX"],
            ["2-AbC1", "", "Ada Example", "https://www.linkedin.com/in/ada-example", "Ben Sample",
             "https://www.linkedin.com/in/ben-sample", "2024-05-02 08:20:00 UTC", "", "Yes!\nSee you at 12.", "INBOX"],
            ["2-XyZ9", "Sponsored Conversation", "LinkedIn Member", "", "Ada Example",
             "https://www.linkedin.com/in/ada-example", "2024-04-11 10:00:00 UTC", "Grow with us",
             "<p>Hi %FIRSTNAME%,</p><p>Try our <b>analytics</b> suite&nbsp;today.</p>", "INBOX"],
        ],
    )  # fmt: skip
    return [
        *profile_2024(),
        ("Connections.csv", connections),
        (
            "Invitations.csv",
            csv_bytes(
                ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
                [
                    [
                        "Ada Example",
                        "Dana Roe",
                        "3/12/24, 11:20 AM",
                        "",
                        "OUTGOING",
                        "https://www.linkedin.com/in/ada-example",
                        "https://www.linkedin.com/in/dana-roe",
                    ]
                ],
            ),
        ),
        ("messages.csv", messages),
        (
            "Email Addresses.csv",
            csv_bytes(
                ["Email Address", "Confirmed", "Primary", "Updated On"],
                [["ada@example.com", "Yes", "Yes", "Not Available"]],
            ),
        ),
        ("PhoneNumbers.csv", csv_bytes(["Extension", "Number", "Type"], [["", "+49 30 5550100", "Mobile"]])),
        (
            "Registration.csv",
            csv_bytes(
                ["Registered At", "Registration Ip", "Subscription Types"], [["4/1/14, 7:30 PM", "192.0.2.1", "BASIC"]]
            ),
        ),
    ]


def complete_2024() -> list[tuple[str, bytes]]:
    shares = csv_bytes(
        ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
        [
            ["2024-03-01 09:00:00", f"{FEED}share%3A7100000000000000001",
             per_line('Big news, with "quotes"', "", "We shipped v2.", "Thanks team", newline="\r\n"),
             "", "", "MEMBER_NETWORK"],
            ["2024-04-15 17:30:00", f"{FEED}ugcPost%3A7100000000000000002", "One line only.", "", "", "MEMBER_NETWORK"],
            ["2024-05-20 12:00:00", f"{FEED}share%3A7100000000000000003", "", "https://example.com/report", "",
             "MEMBER_NETWORK"],
        ],
        crlf=True,
    )  # fmt: skip
    comments = (
        "Date,Link,Message\r\n"
        f"2024-01-05 10:00:00,{FEED}activity%3A7000000000000000003,First line\r\n"
        "second line of the same comment\r\n"
        f'2024-02-11 14:22:05,{FEED}activity%3A7000000000000000004,"Agreed, ""fully"" agreed"\r\n'
        f"2024-03-03 08:00:00,{FEED}activity%3A7000000000000000005,Short one\r\n"
    ).encode()
    learning = (
        ",".join(LEARNING_HEADER) + "\r\n"
        '"Polars Essentials","Fast dataframes.\nWith examples.","COURSE","2024-02-01 18:30 UTC","2024-02-03 20:00 UTC",'
        '"false","My note:\nlazy frames rock",\r\n'
        '"SQL Tips","","VIDEO","2024-03-10 07:05 UTC","","true","",\r\n'
    ).encode()
    ad_values = [
        "25 to 34",
        "",
        "Example Ltd",
        "",
        "",
        "Sample Corp;Other GmbH",
        "",
        "",
        "Master's Degree",
        "",
        "",
        "",
        "Computer Science",
        "",
        "",
        "Engineering",
        "",
        "",
        "",
        "Software Development",
        "Data Science;Cycling",
        "de_DE",
        "",
        "",
        "Berlin",
        "",
        "Senior",
        "Python;SQL",
        "Data Engineer",
        "",
        "",
        "6 to 10",
    ]
    return [
        *profile_2024(),
        ("Languages.csv", csv_bytes(["Name", "Proficiency"], [["German", "Native or bilingual proficiency"]])),
        (
            "Certifications.csv",
            csv_bytes(
                ["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
                [["Cloud Data Engineer", "", "Example Cloud", "Sep 2023", "", "ABC-123"]],
            ),
        ),
        (
            "Endorsement_Received_Info.csv",
            csv_bytes(
                [
                    "Endorsement Date",
                    "Skill Name",
                    "Endorser First Name",
                    "Endorser Last Name",
                    "Endorser Public Url",
                    "Endorsement Status",
                ],
                [["2024/01/04 10:00:00 UTC", "Python", "Ben", "Sample", "www.linkedin.com/in/ben-sample", "ACCEPTED"]],
            ),
        ),
        (
            "Recommendations_Given.csv",
            csv_bytes(
                ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
                [["Ben", "Sample", "Sample Corp", "PM", "Ben is a joy to work with.", "2/2/24, 3:00 PM", "VISIBLE"]],
            ),
        ),
        ("Shares.csv", shares),
        ("Comments.csv", comments),
        (
            "Reactions.csv",
            csv_bytes(
                ["Date", "Type", "Link"],
                [
                    ["2024-05-01 09:00:00", "LIKE", f"{FEED}activity%3A7000000000000000010"],
                    ["2024-05-02 09:00:00", "EMPATHY", f"{FEED}activity%3A7000000000000000011"],
                ],
                crlf=True,
            ),
        ),
        (
            "Votes.csv",
            csv_bytes(
                ["Date", "Link", "OptionText"],
                [["2024-02-20 13:00:00", f"{FEED}activity%3A70000000000000020", "Tabs"]],
                crlf=True,
            ),
        ),
        ("Rich Media.csv", csv_bytes(["Type", "Link"], [["PHOTO", "https://media.licdn.com/p/1.jpg"]])),
        (
            "Contacts.csv",
            csv_bytes(
                [
                    "Source",
                    "FirstName",
                    "LastName",
                    "Companies",
                    "Title",
                    "Emails",
                    "PhoneNumbers",
                    "CreatedAt",
                    "Addresses",
                    "Sites",
                    "InstantMessageHandles",
                    "FullName",
                    "Birthday",
                    "Location",
                    "BookmarkedAt",
                    "Profiles",
                ],
                [
                    [
                        "GOOGLE",
                        "Ida",
                        "Voss",
                        "",
                        "",
                        "ida@example.org",
                        "",
                        "1/5/24, 9:00 AM",
                        "",
                        "",
                        "",
                        "Ida Voss",
                        "",
                        "",
                        "",
                        "",
                    ]
                ],
            ),
        ),
        ("Learning.csv", learning),
        (
            "Logins.csv",
            csv_bytes(
                ["Login Date", "IP Address", "User Agent", "Login Type"],
                [["Wed Mar 13 18:51:14 UTC 2024", "192.0.2.10", "Mozilla/5.0", "WEB"]],
            ),
        ),
        ("Ad_Targeting.csv", csv_bytes(AD_TARGETING_2024, [ad_values])),
        (
            "Inferences_about_you.csv",
            csv_bytes(
                ["Category", "Type of inference", "Description", "Inference"],
                [["Ads", "Interest", "Topics you may like", "Data engineering"]],
            ),
        ),
        ("SearchQueries.csv", csv_bytes(["Time", "Search Query"], [["2024/05/05 09:10:11 UTC", "polars vs pandas"]])),
        (
            "Company Follows.csv",
            csv_bytes(["Organization", "Followed On"], [["Example Ltd", "Wed Mar 13 18:51:14 UTC 2024"]]),
        ),
        (
            "Member_Follows.csv",
            csv_bytes(["Date", "Status", "FullName"], [["2024-01-01 10:00:00", "Active", "Ben Sample"]], crlf=True),
        ),
        (
            "Hashtag_Follows.csv",
            csv_bytes(
                ["HashTag", "CreatedTime", "LastModifiedTime", "State"],
                [["dataengineering", "2024-01-02 10:00:00", "2024-01-02 10:00:00", "FOLLOW"]],
                crlf=True,
            ),
        ),
        (
            "Saved_Items.csv",
            csv_bytes(["savedItem", "createdTime"], [[f"{FEED}activity%3A71", "2024-04-04 04:04:04"]], crlf=True),
        ),
        (
            "Jobs/Job Applications.csv",
            csv_bytes(
                [
                    "Application Date",
                    "Contact Email",
                    "Contact Phone Number",
                    "Company Name",
                    "Job Title",
                    "Job Url",
                    "Resume Name",
                    "Question And Answers",
                ],
                [
                    [
                        "5/6/24, 10:00 AM",
                        "ada@example.com",
                        "",
                        "Data Co",
                        "Data Engineer",
                        "https://www.linkedin.com/jobs/view/1",
                        "ada_cv.pdf",
                        "Years of Python?:7",
                    ]
                ],
            ),
        ),
        (
            "Jobs/Saved Jobs.csv",
            csv_bytes(
                ["Saved Date", "Job Url", "Job Title", "Company Name"],
                [["5/1/24, 8:00 AM", "https://www.linkedin.com/jobs/view/2", "Analytics Engineer", "Other GmbH"]],
            ),
        ),
        (
            "Job Applicant Saved Screening Question Responses.csv",
            csv_bytes(["Question", "Answer"], [["Are you authorised to work in Germany?", "Yes"]]),
        ),
        ("guide_messages.csv", csv_bytes(MESSAGES_10, [])),
    ]


# --- 2026 --------------------------------------------------------------------------------------------------


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
    jobs_header = [
        "Application Date",
        "Contact Email",
        "Contact Phone Number",
        "Company Name",
        "Job Title",
        "Job Url",
        "Resume Name",
        "Question And Answers",
    ]
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
        (
            "Email Addresses.csv",
            csv_bytes(
                ["Email Address", "Confirmed", "Primary", "Updated On"],
                [["camille@example.fr", "Yes", "Yes", "3/1/25, 8:00 AM"]],
            ),
        ),
        ("PhoneNumbers.csv", csv_bytes(["Extension", "Number", "Type"], [["", "+33 4 00 00 00 00", "Mobile"]])),
        (
            "Whatsapp Phone Numbers.csv",
            csv_bytes(["Number", "Extension", "Is_WhatsApp_Number"], [["+33 6 00 00 00 00", "", "true"]]),
        ),
        (
            "Registration.csv",
            csv_bytes(
                ["Registered At", "Registration Ip", "Subscription Types"],
                [["9/14/12, 6:02 PM", "203.0.113.5", "BASIC"]],
            ),
        ),
        (
            "Logins.csv",
            csv_bytes(
                ["Login Date", "IP Address", "User Agent", "Login Type"],
                [["Mon Mar 02 08:00:00 UTC 2026", "203.0.113.5", "Mozilla/5.0", "WEB"]],
            ),
        ),
        (
            "Security Challenges.csv",
            csv_bytes(
                ["Challenge Date", "IP Address", "User Agent", "Country", "Challenge Type"],
                [["Tue Jan 06 07:00:00 UTC 2026", "203.0.113.5", "Mozilla/5.0", "FR", "EMAIL_PIN"]],
            ),
        ),
        (
            "SearchQueries.csv",
            csv_bytes(["Time", "Search Query"], [["2026/03/01 09:00:00 UTC", "<script>x</script> jobs"]]),
        ),
        (
            "Inferences_about_you.csv",
            csv_bytes(
                ["Category", "Type of inference", "Description", "Inference"],
                [["Ads", "Interest", "", "Cloud computing"]],
            ),
        ),
        (
            "Ads Clicked.csv",
            csv_bytes(
                ["Ad clicked Date", "Ad Title/Id"],
                [["2026/01/10 10:00:00 UTC", "Data summit"], ["2026/01/10 10:00:00 UTC", "Data summit"]],
            ),
        ),
        (
            "LAN Ads Engagement.csv",
            csv_bytes(["Action", "Date", "Ad Title/Id", "Page/App"], [["CLICK", "2026/01/11", "123", "news.example"]]),
        ),
        (
            "Receipts_v2.csv",
            csv_bytes(
                [
                    "First Name",
                    "Last Name",
                    "Billing Country",
                    "Postal Code",
                    "Transaction Made At",
                    "Payment Method Type",
                    "Invoice Number",
                    "Description",
                    "Tax Amount",
                    "Sub Total",
                    "Total Amount",
                    "Currency Code",
                ],
                [
                    [
                        "Camille",
                        "Lefèvre",
                        "FR",
                        "69002",
                        "2026-01-01 00:00:00",
                        "CARD",
                        "INV-1",
                        "Premium Career",
                        "4.00",
                        "20.00",
                        "24.00",
                        "EUR",
                    ]
                ],
            ),
        ),
        (
            "Company Follows.csv",
            csv_bytes(["Organization", "Followed On"], [["Acme SA", "Thu Jan 01 10:00:00 UTC 2026"]]),
        ),
        (
            "Hashtag_Follows.csv",
            csv_bytes(
                ["HashTag", "CreatedTime", "LastModifiedTime", "State"],
                [["données", "2026-01-01 10:00:00", "", "FOLLOW"]],
            ),
        ),
        (
            "Events.csv",
            csv_bytes(
                ["Event Name", "Event Time", "Status", "External Url"],
                [["Data Meetup Lyon", "Feb 12, 2026 6:00 PM - Feb 12, 2026 8:00 PM", "ATTENDING", ""]],
            ),
        ),
        (
            "SavedJobAlerts.csv",
            csv_bytes(
                ["ALERT_PARAMETERS", "QUERY_CONTEXT", "SAVED_SEARCH_ID"],
                [["keywords=data engineer;location=Lyon", "", "42"]],
            ),
        ),
        (
            "Jobs/Job Applications_1.csv",
            csv_bytes(
                jobs_header,
                [
                    [
                        "1/5/26, 10:00 AM",
                        "camille@example.fr",
                        "",
                        "Data Co",
                        "Lead Data Engineer",
                        "https://www.linkedin.com/jobs/view/10",
                        "cv.pdf",
                        "",
                    ],
                ],
            ),
        ),
        (
            "Jobs/Job Applications_2.csv",
            csv_bytes(
                jobs_header,
                [
                    [
                        "2/6/26, 11:00 AM",
                        "camille@example.fr",
                        "",
                        "Other SAS",
                        "Data Architect",
                        "https://www.linkedin.com/jobs/view/11",
                        "cv.pdf",
                        "Notice period?:1 month",
                    ],
                ],
            ),
        ),
        (
            "Jobs/Saved Jobs.csv",
            csv_bytes(
                ["Saved Date", "Job Url", "Job Title", "Company Name"],
                [["2/1/26, 8:00 AM", "https://www.linkedin.com/jobs/view/12", "Data Engineer", "Acme SA"]],
            ),
        ),
        (
            "Jobs/Job Applicant Saved Answers.csv",
            csv_bytes(
                ["Question", "Answer"], [["Years of experience with Python?", "8"], ["Willing to relocate?", "Non"]]
            ),
        ),
        (
            "Verifications/Verifications.csv",
            csv_bytes(
                [
                    "First name",
                    "Middle name",
                    "Last name",
                    "Verification type",
                    "Organization name",
                    "Email address",
                    "Country",
                    "State",
                    "City",
                    "Year of birth",
                    "Issuing authority",
                    "Document type",
                    "Verification service provider",
                    "Verified date",
                    "Expiry date",
                ],
                [
                    [
                        "Camille",
                        "",
                        "Lefèvre",
                        "WORKPLACE",
                        "Acme SA",
                        "camille@acme.example",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "2025-06-01",
                        "",
                    ]
                ],
            ),
        ),
        ("Mystery_Feature.csv", csv_bytes(["Feature", "Value"], [["beta", "on"]])),
    ]


def build(out_dir: Path) -> list[Path]:
    """Write the three eras' archives under ``out_dir`` and return their paths."""
    return [
        write_zip(out_dir / "linkedin-2018" / "Complete_LinkedInDataExport_05-14-2018.zip", members_2018()),
        write_zip(out_dir / "linkedin-2024" / "Basic_LinkedInDataExport_06-10-2024.zip", basic_2024()),
        write_zip(out_dir / "linkedin-2024" / "Complete_LinkedInDataExport_06-11-2024.zip", complete_2024()),
        write_zip(out_dir / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip", members_2026()),
    ]
