"""The demo's adoption reports: what each fictional branch (and a few regions and a
constituency party) decided, when, and what it committed to. Days are counted back from the
day the demo is seeded, so the timeline stays recent and the national conference ahead.

Reading the plan: most branches pass the model text unamended, and since it resolves to
forward the motion, each of those is forwarded to its region; UNISON's Yorkshire &
Humberside Region adopts it in turn and sends it on to the union's National Delegate
Conference (the motion is before it: the chain that reaches national level); Unite's North
West Region and CCOO de Madrid adopt amended texts without forwarding; Aireside CLP answers
its two wards and sends it on to its Labour region. A few reports are still waiting for a
moderator, one was rejected by the moderators, and a few branches decided otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from ayni.motions.enums import AdoptionStatus, Outcome

PASSED, AMENDED = Outcome.PASSED, Outcome.AMENDED
VERIFIED, SUBMITTED, REJECTED = (
    AdoptionStatus.VERIFIED,
    AdoptionStatus.SUBMITTED,
    AdoptionStatus.REJECTED,
)

# The reason the moderators gave the one report they rejected.
REJECTION = (
    "The minutes you sent show the motion was deferred to the branch's next meeting, not "
    "decided: please report it again once the branch has voted on it."
)


@dataclass(frozen=True)
class Plan:
    body: str  # the body's external code (tree.BODIES)
    days_ago: int  # the meeting, counted back from the day of seeding
    outcome: str = PASSED
    status: str = VERIFIED
    votes: tuple[int, int, int] | None = None
    # CommitmentKind values; "donate:250" pledges 250 in the organisation's currency.
    commitments: tuple[str, ...] = ()
    # An amended text: "twin" adds a paragraph to the resolutions, "sum" names the donation.
    amendment: str = ""
    language: str = "en"


PLANS = [
    # UNISON: Yorkshire & Humberside's branches, then the region, forwarded to national.
    Plan("US-YH-01", 150, votes=(34, 0, 2), commitments=("affiliate", "donate:250", "forward")),
    Plan("US-YH-02", 120, votes=(21, 1, 0), commitments=("affiliate", "donate:100")),
    Plan(
        "US-YH-03",
        96,
        AMENDED,
        votes=(18, 3, 4),
        commitments=("affiliate", "forward"),
        amendment="twin",
    ),
    Plan("US-YH-04", 60, commitments=("affiliate", "write_representative")),
    Plan("US-YH", 30, votes=(112, 9, 14), commitments=("affiliate", "donate:500", "forward")),
    Plan("US-NW-01", 140, votes=(27, 2, 1), commitments=("affiliate", "donate:150")),
    Plan("US-NW-02", 110, commitments=("affiliate",)),
    Plan("US-NW-03", 80, Outcome.REFERRED, votes=(9, 7, 3)),
    Plan(
        "US-LO-01", 165, votes=(41, 0, 0), commitments=("affiliate", "donate:200", "invite_speaker")
    ),
    Plan("US-LO-02", 100, AMENDED, commitments=("affiliate",), amendment="twin"),
    Plan("US-LO-03", 45, status=SUBMITTED, votes=(16, 0, 1), commitments=("affiliate",)),
    Plan("US-NO-01", 130, commitments=("affiliate", "donate:100")),
    Plan("US-NO-02", 70, Outcome.REJECTED, votes=(12, 15, 3)),
    Plan("US-SC-01", 90, commitments=("affiliate", "write_representative")),
    Plan("US-CY-01", 50, commitments=("donate:50",)),
    Plan("US-SW-01", 25, status=SUBMITTED),
    # Unite: North West's branches and the region (amended, not forwarded); the rest.
    Plan("UN-NW-01", 155, votes=(22, 0, 1), commitments=("affiliate", "donate:100")),
    Plan("UN-NW-02", 125, commitments=("affiliate", "invite_speaker")),
    Plan("UN-NW-03", 85, AMENDED, commitments=("affiliate",), amendment="sum"),
    Plan(
        "UN-NW",
        35,
        AMENDED,
        votes=(58, 6, 5),
        commitments=("affiliate", "donate:250"),
        amendment="sum",
    ),
    Plan("UN-LE-01", 145, commitments=("affiliate", "donate:75")),
    Plan("UN-LE-02", 115, votes=(30, 2, 2)),
    Plan("UN-LE-03", 65, Outcome.REMITTED),
    Plan("UN-YH-01", 135, commitments=("affiliate", "donate:150")),
    Plan("UN-YH-02", 95, votes=(14, 0, 0)),
    Plan("UN-YH-03", 40, Outcome.WITHDRAWN),
    Plan("UN-SC-01", 105, commitments=("affiliate", "donate:120")),
    Plan("UN-WA-01", 75, commitments=("write_representative",)),
    Plan("UN-WM-01", 55, votes=(26, 1, 0), commitments=("affiliate", "donate:200")),
    Plan("UN-WM-02", 20, status=SUBMITTED, commitments=("affiliate",)),
    # Labour: two wards answered by their constituency party, which sends it to its region.
    Plan("LA-YH-C1-1", 160, commitments=("write_representative",)),
    Plan("LA-YH-C1-2", 128, commitments=("write_representative",)),
    Plan("LA-YH-C1", 100, votes=(45, 4, 6), commitments=("affiliate", "donate:100")),
    Plan("LA-LO-C1-1", 118),
    Plan("LA-LO-C1-2", 88, AMENDED, amendment="twin"),
    Plan("LA-NW-C1-1", 68, commitments=("invite_speaker",)),
    Plan("LA-SC-C1-1", 48),
    Plan("LA-WA-C1-1", 30, status=REJECTED),
    # CCOO: Madrid's sections and its regional confederation (amended); the rest.
    Plan("CC-MA-01", 138, commitments=("affiliate", "donate:300"), language="es"),
    Plan("CC-MA-02", 108, votes=(19, 2, 1), language="es"),
    Plan("CC-MA-03", 78, AMENDED, amendment="twin", language="es"),
    Plan(
        "CC-MA",
        28,
        AMENDED,
        votes=(87, 3, 10),
        commitments=("affiliate",),
        amendment="sum",
        language="es",
    ),
    Plan("CC-CA-01", 112, commitments=("affiliate",), language="es"),
    Plan("CC-CA-02", 58, language="es"),
    Plan("CC-AN-01", 92, commitments=("donate:100",), language="es"),
    Plan("CC-PV-01", 62, language="es"),
    Plan("CC-EU-01", 35, status=SUBMITTED, language="es"),
]

# The conference UNISON's region forwards the motion to, and its deadline for motions
# (days ahead of the day of seeding).
NATIONAL_MEETING = "UNISON National Delegate Conference"
NATIONAL_DEADLINE_DAYS = 40
