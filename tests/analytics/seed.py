"""The seed search of product.md (43 applications, 15 Oct - 2 Dec), rebuilt as histories."""

from __future__ import annotations

from widenet.track.model import Application, Source

from .build import app


def seed_search() -> list[Application]:
    """Histories whose funnel is product.md's table.

    | stage            | entered | left the process there                             |
    | applied          | 43      | 7 no response, 7 rejected, 4 withdrawn             |
    | recruiter call   | 25      | 2 rejected, 11 withdrawn                           |
    | technical screen | 12      | 2 rejected, 1 withdrawn                            |
    | onsite           | 9       | 4 withdrawn (none rejected)                        |
    | offer            | 5       |                                                    |

    One referral skipped the phone screen and went from the recruiter to the onsite.
    """
    apps: list[Application] = []

    def add(*steps: tuple[str, int] | tuple[str, int, str], source: Source = Source.DIRECT) -> None:
        apps.append(app(len(apps) + 1, *steps, source=source, company_id=len(apps) + 1))

    for i in range(7):
        add(("applied", i), ("rejected", i + 20, "no_response"))
    for i in range(7):
        add(("applied", i), ("rejected", i + 5, "not_a_fit" if i % 2 else "role_filled"))
    for i in range(4):
        add(("applied", i), ("withdrawn", i + 10))
    for i in range(2):
        add(("applied", i), ("recruiter", i + 4), ("rejected", i + 8, "skills_mismatch"))
    for i in range(11):
        add(("applied", i), ("recruiter", i + 5), ("withdrawn", i + 12))
    for i in range(2):
        add(
            ("applied", i),
            ("recruiter", 4),
            ("technical", 10),
            ("rejected", 14, "failed_interview"),
        )
    add(("applied", 1), ("recruiter", 4), ("technical", 11), ("withdrawn", 15))
    for i in range(3):
        add(("applied", i), ("recruiter", 5), ("technical", 12), ("onsite", 20), ("withdrawn", 25))
    add(
        ("applied", 10),
        ("recruiter", 12),
        ("onsite", 20),
        ("withdrawn", 24),
        source=Source.REFERRAL,
    )
    for i in range(4):
        add(
            ("applied", i),
            ("recruiter", 6),
            ("technical", 14),
            ("onsite", 24),
            ("offer", 30),
            ("declined", 40),
        )
    add(
        ("applied", 2),
        ("recruiter", 6),
        ("technical", 13),
        ("onsite", 25),
        ("offer", 33),
        ("accepted", 45),
    )
    return apps
