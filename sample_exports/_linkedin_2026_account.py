"""LinkedIn 2026 sample members: account, security, ads, jobs, verifications and an unknown file."""

from __future__ import annotations

from _linkedin_shapes import (
    csv_bytes,
)


def account_2026() -> list[tuple[str, bytes]]:
    """Account, ads, jobs and verification files of the 2026 sample, plus one file no rule knows."""
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
