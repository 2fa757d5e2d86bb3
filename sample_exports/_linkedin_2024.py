"""LinkedIn 2024 sample members: a Basic + Complete pair; CRLF activity files, unquoted multi-line comments."""

from __future__ import annotations

from _linkedin_shapes import (
    AD_TARGETING_2024,
    CONNECTIONS_PREAMBLE,
    FEED,
    LEARNING_HEADER,
    MESSAGES_10,
    PROFILE_HEADER,
    csv_bytes,
    per_line,
)


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
