"""CSV and JSON import/export: all-or-nothing, every bad row reported, round trips."""

from __future__ import annotations

import json

import pytest

from tests.conftest import NOW, Search
from widenet.errors import Conflict, ImportRejected
from widenet.services import csvio, interviews, transfer
from widenet.services import demo as demo_service
from widenet.track.model import InterviewKind
from widenet.track.stages import Stage

HEADER = "company,role,source,size_band,excitement,applied,recruiter,technical,onsite,offer,outcome,outcome_date,outcome_reason,notes\n"  # noqa: E501


def csv_text(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


GOOD = csv_text(
    "Acme,Backend,direct,large,4,2026-10-01,2026-10-05,2026-10-12,,,,,,first",
    "Acme,Data,job board,large,4,2026-10-02,,,,,rejected,2026-10-20,role filled,",
    "Zeta,iOS,referral,small,5,2026-10-03,,,2026-10-10,2026-10-15,accepted,2026-10-18,,",
)


def import_csv(search: Search, text: str) -> dict[str, int]:
    return search(lambda s: transfer.import_text(s, search.moment, text, fmt="csv"))


def test_csv_import_builds_companies_applications_and_events(search: Search) -> None:
    counts = import_csv(search, GOOD)
    assert counts == {"rows": 3, "companies_created": 2, "applications": 3, "events": 9}
    apps = search(lambda s: s.applications())
    stages = {a.role: [e.stage for e in a.events] for a in apps}
    assert stages["Backend"] == [Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL]
    assert stages["Data"] == [Stage.APPLIED, Stage.REJECTED]
    assert stages["iOS"] == [Stage.APPLIED, Stage.ONSITE, Stage.OFFER, Stage.ACCEPTED]
    rejected = next(a for a in apps if a.role == "Data").events[-1]
    assert rejected.reason == "role_filled"


BAD_ROWS = [
    ("Acme,,direct,large,4,2026-10-01,,,,,,,,", 2, "role"),
    ("Acme,Backend,carrier pigeon,large,4,2026-10-01,,,,,,,,", 2, "source"),
    ("Acme,Backend,direct,gigantic,4,2026-10-01,,,,,,,,", 2, "size_band"),
    ("Acme,Backend,direct,large,9,2026-10-01,,,,,,,,", 2, "excitement"),
    ("Acme,Backend,direct,large,4,01/10/2026,,,,,,,,", 2, "applied"),
    ("Acme,Backend,direct,large,4,2026-10-05,2026-10-01,,,,,,,", 2, "recruiter"),
    ("Acme,Backend,direct,large,4,2026-10-01,,,,,hired,,,", 2, "outcome"),
    ("Acme,Backend,direct,large,4,2026-10-01,,,,,accepted,,,", 2, "offer"),
    (
        "Acme,Backend,direct,large,4,2026-10-01,,,,,rejected,2026-10-05,bad vibes,",
        2,
        "outcome_reason",
    ),
    ("Acme,Backend,direct,large,4,2099-10-01,,,,,,,,", 2, "applied"),
]


@pytest.mark.parametrize(("row", "line", "column"), BAD_ROWS)
def test_each_bad_row_is_named_and_nothing_is_imported(
    sqlite_search: Search, row: str, line: int, column: str
) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_csv(sqlite_search, csv_text(row))
    assert (line, column) in [(p.line, p.field) for p in caught.value.problems]
    assert sqlite_search(lambda s: s.companies()) == []


def test_every_bad_row_is_reported_and_the_good_ones_are_not_imported(search: Search) -> None:
    text = csv_text(
        "Acme,Backend,direct,large,4,2026-10-01,,,,,,,,",
        "Beta,,direct,large,4,2026-10-01,,,,,,,,",
        "Gamma,Backend,direct,large,4,2026-10-01,,,,,,,,",
        "Acme,Other,direct,small,4,2026-10-01,,,,,,,,",
    )
    with pytest.raises(ImportRejected) as caught:
        import_csv(search, text)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(3, "role"), (5, "size_band")}
    assert search(lambda s: s.companies()) == []


def test_unknown_and_missing_columns(sqlite_search: Search) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_csv(sqlite_search, "company,colour\nAcme,blue\n")
    problems = {(p.line, p.field) for p in caught.value.problems}
    assert problems == {(1, "colour"), (1, "role"), (1, "applied")}


def test_duplicates_of_stored_applications_are_refused(search: Search) -> None:
    import_csv(search, GOOD)
    with pytest.raises(ImportRejected, match="1 problem"):
        import_csv(search, csv_text("Acme,Backend,direct,,,2026-10-01,,,,,,,,"))
    assert len(search(lambda s: s.applications())) == 3


def test_csv_export_reads_back_the_same(search: Search, tmp_path: object) -> None:
    import_csv(search, GOOD)
    exported = search(lambda s: transfer.export_text(s, search.moment, fmt="csv"))
    rows = csvio.read_rows(exported, today=search.today)
    assert [(r.company, r.role, [(e[0], e[1]) for e in r.events]) for r in rows] == [
        (r.company, r.role, [(e[0], e[1]) for e in r.events])
        for r in csvio.read_rows(GOOD, today=search.today)
    ]


def _strip(data: dict[str, object]) -> dict[str, object]:
    data = dict(data)
    data.pop("exported_at")
    return data


def test_json_round_trip_is_identical(search: Search, tmp_path: object) -> None:
    search(lambda s: demo_service.build(s, seed=3, today=NOW.date(), zone=NOW.tzinfo))  # type: ignore[arg-type]
    first = search(lambda s: transfer.export_text(s, search.moment, fmt="json"))
    other = Search(f"sqlite+pysqlite:///{tmp_path}/copy.db", NOW)  # type: ignore[operator]
    counts = other(lambda s: transfer.import_text(s, other.moment, first, fmt="json"))
    assert counts["applications"] == 43
    second = other(lambda s: transfer.export_text(s, other.moment, fmt="json"))
    assert _strip(json.loads(second)) == _strip(json.loads(first))
    assert json.loads(first)["extra"]["ratings"], "the demo's ratings travel with the export"
    assert json.loads(first)["extra"]["recruiter_timelines"], "so does what recruiters said"
    other.database.dispose()


def test_json_import_refuses_a_search_that_is_not_empty(search: Search) -> None:
    import_csv(search, GOOD)
    text = search(lambda s: transfer.export_text(s, search.moment, fmt="json"))
    with pytest.raises(Conflict, match="empty database"):
        search(lambda s: transfer.import_text(s, search.moment, text, fmt="json"))


def test_bad_json_names_the_path_and_imports_nothing(sqlite_search: Search) -> None:
    search = sqlite_search
    import_csv(search, GOOD)
    search(
        lambda s: interviews.add(
            s,
            search.moment,
            company="acme",
            role="backend",
            kind=InterviewKind.TECHNICAL,
            start=NOW,
        )
    )
    data = json.loads(search(lambda s: transfer.export_text(s, search.moment, fmt="json")))
    data["applications"][1]["source"] = "pigeon"
    data["interviews"][0]["application_id"] = 999
    empty = Search(str(search.database.url).replace("widenet.db", "empty.db"), NOW)
    with pytest.raises(ImportRejected) as caught:
        empty(lambda s: transfer.import_text(s, empty.moment, json.dumps(data), fmt="json"))
    assert [p.field for p in caught.value.problems] == ["applications.1.source"]
    data["applications"][1]["source"] = "direct"
    with pytest.raises(ImportRejected) as caught:
        empty(lambda s: transfer.import_text(s, empty.moment, json.dumps(data), fmt="json"))
    assert [p.field for p in caught.value.problems] == ["interviews.0.application_id"]
    assert empty(lambda s: s.companies()) == []
    empty.database.dispose()


def test_bad_rows_of_feature_tables_are_named_and_nothing_is_imported(tmp_path: object) -> None:
    source = Search(f"sqlite+pysqlite:///{tmp_path}/a.db", NOW)  # type: ignore[operator]
    source(lambda s: demo_service.build(s, seed=3, today=NOW.date(), zone=NOW.tzinfo))  # type: ignore[arg-type]
    data = json.loads(source(lambda s: transfer.export_text(s, source.moment, fmt="json")))
    source.database.dispose()
    target = Search(f"sqlite+pysqlite:///{tmp_path}/b.db", NOW)  # type: ignore[operator]
    broken = json.loads(json.dumps(data))
    broken["extra"]["ratings"][2]["company_id"] = 9999
    with pytest.raises(ImportRejected) as caught:
        target(lambda s: transfer.import_text(s, target.moment, json.dumps(broken), fmt="json"))
    assert caught.value.problems[0].field == "extra.ratings.2.company_id"
    broken = json.loads(json.dumps(data))
    broken["extra"]["horoscopes"] = [{"sign": "leo"}]
    with pytest.raises(ImportRejected, match="sections"):
        target(lambda s: transfer.import_text(s, target.moment, json.dumps(broken), fmt="json"))
    assert target(lambda s: s.companies()) == []
    target.database.dispose()
