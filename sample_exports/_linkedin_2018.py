"""LinkedIn 2018 sample members: the six UTF-16 TSV files, Messages.csv with entities, flat articles."""

from __future__ import annotations

from _linkedin_shapes import (
    FEED,
    article_html,
    csv_bytes,
    utf16_tsv,
)


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
