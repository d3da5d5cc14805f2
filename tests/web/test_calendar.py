"""The calendar pages: the week with its load and warnings, warnings on the board, the
schedule's settings forms, windows for a recruiter, .ics download and invite upload, the
subscription feed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.conftest import Search
from tests.web.conftest import Web, build
from tests.web.test_pages import apply, field_message
from widenet.services import interviews, schedule, tracking
from widenet.track.model import Interview, InterviewKind

# The tests' "now" is Friday 20 November 2026, 17:00 UTC; the app's time zone is UTC.
TUESDAY = date(2026, 11, 24)
XSS = "<script>alert(1)</script>"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def book(search: Search, company: str, kind: InterviewKind, start: datetime) -> Interview:
    return search(
        lambda s: interviews.add(s, search.moment, company=company, kind=kind, start=start)
    ).interview


def day_block(html: str, day: date) -> str:
    """The markup of one day of the week view."""
    found = re.search(
        rf'<li class="week-day[^"]*" id="day-{day}".*?</li>\s*(?=<li class="week-day|</ol>)',
        html,
        re.S,
    )
    assert found, f"no column for {day}"
    return found[0]


def clashing_week(search: Search) -> tuple[Interview, Interview]:
    """Acme technical 10:00-11:00 (prep from 09:00) and Beta recruiter at 11:40 (prep from
    11:10): only 10 minutes of buffer where 15 are asked."""
    apply(search, "Acme")
    apply(search, "Beta")
    first = book(search, "Acme", InterviewKind.TECHNICAL, at(TUESDAY, 10))
    second = book(search, "Beta", InterviewKind.RECRUITER, at(TUESDAY, 11, 40))
    return first, second


# -- the week ------------------------------------------------------------------------------
def test_the_week_shows_interviews_prep_blocks_and_the_load(web: Web) -> None:
    technical, recruiter = clashing_week(web.search)
    html = web.get(f"/calendar?of={TUESDAY}").text
    assert "Mon 23 Nov – Sun 29 Nov 2026" in html
    tuesday = day_block(html, TUESDAY)
    # Interviews and preparation, in time order, each leading to the company page.
    entries = re.findall(
        r"<time[^>]*>([\d:–]+)</time> <span class=\"what\">([^<]+)</span>", tuesday
    )
    assert entries == [
        ("09:00–10:00", "Prepare: Acme technical screen"),
        ("10:00–11:00", "Acme technical screen"),
        ("11:10–11:40", "Prepare: Beta recruiter call"),
        ("11:40–12:10", "Beta recruiter call"),
    ]
    company_id = web.api("GET", f"/interviews/{technical.id}").json()["company_id"]
    assert f'href="/companies/{company_id}#interview-{technical.id}"' in tuesday
    # 60 + 60 (technical) and 30 + 30 (recruiter): 3 hours, of which 1 h 30 preparation.
    assert "<strong>3 h</strong>" in tuesday
    assert "incl. 1 h 30 preparation" in tuesday
    assert "of 9 h free" in tuesday
    assert "2/4 interviews · 1/2 technical" in tuesday  # week three of the search: full caps
    assert 'value="180"' in tuesday  # the meter
    # The warning of that day, on the day and in the week's list.
    assert "⚠ 1 warning" in tuesday
    warnings = html.split('id="week-warnings-title"', 1)[1]
    assert "No buffer" in warnings
    assert "Only 10 minutes between Acme technical screen and its preparation" in warnings
    assert recruiter.id  # booked


def test_today_is_marked_and_the_weeks_link_to_each_other(sqlite_web: Web) -> None:
    html = sqlite_web.get("/calendar").text
    today = day_block(html, date(2026, 11, 20))
    assert 'aria-current="date"' in today
    assert "today" in today
    assert 'aria-current="date"' not in day_block(html, date(2026, 11, 19))
    assert 'href="/calendar?of=2026-11-09"' in html  # previous Monday
    assert 'href="/calendar?of=2026-11-23"' in html  # next Monday
    assert ">This week<" not in html  # already there
    later = sqlite_web.get("/calendar?of=2026-12-02").text
    assert "Mon 30 Nov – Sun 6 Dec 2026" in later
    assert 'aria-current="date"' not in later
    assert 'href="/calendar"' in later
    assert ">This week<" in later
    assert "Nothing booked this week" in later


def test_week_navigation_with_htmx_gets_only_the_week(sqlite_web: Web) -> None:
    partial = sqlite_web.get("/calendar?of=2026-11-30", htmx=True)
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<section id="calendar"')
    assert "<html" not in partial.text
    assert "Your calendar app" not in partial.text  # the page's other sections stay put


@pytest.mark.parametrize("of", ["next tuesday", "2026-13-01"])
def test_a_bad_week_date_is_refused_with_a_message(sqlite_web: Web, of: str) -> None:
    response = sqlite_web.get(f"/calendar?of={of}")
    assert response.status_code == 422
    assert f"&#39;{of}&#39; is not a date" in response.text


def test_names_are_escaped_in_the_week(sqlite_web: Web) -> None:
    search = sqlite_web.search
    apply(search, XSS)
    book(search, XSS, InterviewKind.RECRUITER, at(TUESDAY, 14))
    html = sqlite_web.get(f"/calendar?of={TUESDAY}").text
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; recruiter call" in html


# -- warnings on the board -----------------------------------------------------------------
def test_the_board_shows_upcoming_warnings_in_a_dismissable_panel(web: Web) -> None:
    clashing_week(web.search)
    html = web.get("/").text
    panel = html.split('id="schedule-warnings"', 1)[1].split("</aside>", 1)[0]
    assert "1 schedule warning in the days ahead" in panel
    assert "Only 10 minutes between Acme technical screen" in panel
    assert f'href="/calendar?of={TUESDAY}#day-{TUESDAY}"' in panel
    assert "data-dismiss-panel" in panel
    key = re.search(r'data-dismissable="([0-9a-f]+)"', html)
    assert key
    # The key changes with the warnings, so a dismissed panel comes back when they change.
    book(web.search, "Acme", InterviewKind.ONSITE, at(TUESDAY + timedelta(days=1), 9))
    again = web.get("/").text
    other = re.search(r'data-dismissable="([0-9a-f]+)"', again)
    assert other
    assert other[1] != key[1]


def test_board_warnings_ignore_the_filters_and_stay_out_of_partials(sqlite_web: Web) -> None:
    clashing_week(sqlite_web.search)
    assert 'id="schedule-warnings"' in sqlite_web.get("/?source=referral").text
    assert 'id="schedule-warnings"' not in sqlite_web.get("/", htmx=True).text


def test_no_warnings_no_panel(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    book(sqlite_web.search, "Acme", InterviewKind.TECHNICAL, at(TUESDAY, 10))
    assert 'id="schedule-warnings"' not in sqlite_web.get("/").text


def test_past_warnings_are_not_on_the_board(sqlite_web: Web) -> None:
    search = sqlite_web.search
    clashing_week(search)
    search.at(at(TUESDAY + timedelta(days=3), 12))
    assert 'id="schedule-warnings"' not in sqlite_web.get("/").text


# -- settings ------------------------------------------------------------------------------
HOURS = {f"weekly_hours.{day}": "09:00-17:00" for day in ("monday", "tuesday", "wednesday")}
HOURS |= {"weekly_hours.thursday": "9-12, 13-18", "weekly_hours.friday": "9-13"}
HOURS |= {"weekly_hours.saturday": "off", "weekly_hours.sunday": "", "time_zone": "Europe/Berlin"}


def test_hours_are_saved(web: Web) -> None:
    response = web.post("/calendar/settings/hours", HOURS)
    assert response.status_code == 303
    assert response.headers["location"] == "/calendar/settings?saved=hours#hours"
    settings = web.search(lambda s: schedule.get_settings(s, web.search.moment))
    hours = {
        d.key: [(h.start.hour, h.end.hour) for h in s]
        for d, s in settings.availability.weekly_hours.items()
    }
    assert hours == {
        "monday": [(9, 17)], "tuesday": [(9, 17)], "wednesday": [(9, 17)],
        "thursday": [(9, 12), (13, 18)], "friday": [(9, 13)],
    }  # fmt: skip
    assert settings.availability.time_zone == "Europe/Berlin"
    page = web.get("/calendar/settings?saved=hours").text
    assert 'value="09:00-12:00, 13:00-18:00"' in page
    assert "Saved." in page


def test_wrong_hours_are_refused_with_a_message_by_each_field(sqlite_web: Web) -> None:
    wrong = HOURS | {
        "weekly_hours.monday": "25:00-26:00",
        "weekly_hours.tuesday": "17-9",
        "time_zone": "Mars/Olympus",
    }
    response = sqlite_web.post("/calendar/settings/hours", wrong)
    assert response.status_code == 422
    html = response.text
    assert "is not a time of day" in field_message(html, "weekly_hours.monday")
    assert "ends before it starts" in field_message(html, "weekly_hours.tuesday")
    assert "not a known time zone" in field_message(html, "time_zone")
    assert field_message(html, "weekly_hours.wednesday") == ""
    assert 'value="25:00-26:00"' in html  # what was typed is kept
    assert 'value="Mars/Olympus"' in html
    settings = sqlite_web.search(lambda s: schedule.get_settings(s, sqlite_web.search.moment))
    assert settings.availability.time_zone == "UTC"  # nothing saved


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"prep_minutes.technical": "an hour"}, "prep_minutes.technical", "not a whole number"),
        ({"prep_minutes.onsite": "900"}, "prep_minutes.onsite", "above the most allowed, 480"),
        ({"buffer_minutes": "-5"}, "buffer_minutes", "not a whole number"),
        ({"buffer_minutes": "121"}, "buffer_minutes", "above the most allowed, 120"),
    ],
)
def test_wrong_preparation_is_refused(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    response = sqlite_web.post("/calendar/settings/prep", {"buffer_minutes": "20"} | fields)
    assert response.status_code == 422
    assert message in field_message(response.text, field)


def test_preparation_and_buffer_are_saved(sqlite_web: Web) -> None:
    form = {"prep_minutes.technical": "90", "prep_minutes.recruiter": "15", "buffer_minutes": "25"}
    assert sqlite_web.post("/calendar/settings/prep", form).status_code == 303
    availability = sqlite_web.search(
        lambda s: schedule.get_settings(s, sqlite_web.search.moment)
    ).availability
    assert availability.prep_for(InterviewKind.TECHNICAL) == 90
    assert availability.prep_for(InterviewKind.RECRUITER) == 15
    assert availability.prep_for(InterviewKind.ONSITE) == 120  # untouched
    assert availability.buffer_minutes == 25


def test_caps_and_the_search_start_are_saved_and_shape_the_ramp(sqlite_web: Web) -> None:
    form = {"interviews_per_day": "3", "technical_per_day": "1", "ramp_weeks": "1",
            "search_start": "2026-11-02"}  # fmt: skip
    assert sqlite_web.post("/calendar/settings/caps", form).status_code == 303
    html = sqlite_web.get("/calendar/settings").text
    ramp = html.split('class="table compact ramp"', 1)[1].split("</table>", 1)[0]
    assert "from Monday 2 November 2026 (set)" in ramp
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", ramp, re.S)
    assert [name for name, _ in rows] == ["Week 1", "Week 2 and on"]
    assert re.findall(r"<td>(\d+)</td>", rows[1][1]) == ["3", "1", "1"]
    # Emptying the start goes back to the date of the first application.
    assert sqlite_web.post("/calendar/settings/caps", {"search_start": ""}).status_code == 303
    settings = sqlite_web.search(lambda s: schedule.get_settings(s, sqlite_web.search.moment))
    assert settings.search_start_source == "today"  # no application yet


def test_wrong_caps_are_refused_each_by_its_field(sqlite_web: Web) -> None:
    form = {"interviews_per_day": "30", "onsites_per_day": "one", "search_start": "soon"}
    response = sqlite_web.post("/calendar/settings/caps", form)
    assert response.status_code == 422
    html = response.text
    assert "above the most allowed, 24" in field_message(html, "interviews_per_day")
    assert "not a whole number" in field_message(html, "onsites_per_day")
    assert "is not a date" in field_message(html, "search_start")
    assert 'value="30"' in html
    assert 'value="soon"' in html


def test_blocked_periods_are_added_and_removed(sqlite_web: Web) -> None:
    first = {"period": "2026-12-24..2026-12-26", "reason": XSS}
    assert sqlite_web.post("/calendar/settings/blocked", first).status_code == 303
    second = {"period": "2026-12-02 14:00..16:00", "reason": "dentist"}
    assert sqlite_web.post("/calendar/settings/blocked", second).status_code == 303
    html = sqlite_web.get("/calendar/settings").text
    assert "Wed 2 Dec 2026, 14:00–16:00" in html
    assert "Thu 24 Dec 2026 – Sat 26 Dec 2026" in html
    assert XSS not in html
    assert "&lt;script&gt;" in html
    assert sqlite_web.post("/calendar/settings/blocked/1/remove").status_code == 303
    html = sqlite_web.get("/calendar/settings").text
    assert "Wed 2 Dec 2026" not in html
    assert "Thu 24 Dec 2026" in html
    gone = sqlite_web.post("/calendar/settings/blocked/5/remove")
    assert gone.status_code == 422
    assert "There is no blocked period 5" in gone.text


def test_a_wrong_period_is_refused_by_its_field(sqlite_web: Web) -> None:
    form = {"period": "2026-12-26..2026-12-24", "reason": "holidays"}
    response = sqlite_web.post("/calendar/settings/blocked", form)
    assert response.status_code == 422
    assert "ends before it starts" in field_message(response.text, "period")
    assert 'value="holidays"' in response.text


@pytest.mark.parametrize(
    "url",
    ["/calendar/settings/hours", "/calendar/settings/prep", "/calendar/settings/caps",
     "/calendar/settings/blocked", "/calendar/settings/blocked/1/remove",
     "/calendar/settings/feed", "/calendar/windows", "/calendar/import"],
)  # fmt: skip
def test_schedule_forms_need_the_token(sqlite_web: Web, url: str) -> None:
    assert sqlite_web.post(url, {"buffer_minutes": "1"}, token=False).status_code == 403


# -- windows for a recruiter ---------------------------------------------------------------
def occupied(interview: Interview, buffer: int = 15) -> tuple[datetime, datetime]:
    pad = timedelta(minutes=buffer)
    return interview.start - timedelta(minutes=interview.prep_minutes) - pad, interview.end + pad


def overlaps(one: tuple[datetime, datetime], other: tuple[datetime, datetime]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def test_windows_never_double_book(web: Web) -> None:
    search = web.search
    for name in ("Acme", "Beta", "Cosmo"):
        apply(search, name)
    booked = [book(search, "Acme", InterviewKind.TECHNICAL, at(TUESDAY, 10))]
    for company in ("Beta", "Cosmo"):
        body = {"company": company, "kind": "technical", "minutes": 60, "days": 5}
        offer = web.api("POST", "/schedule/windows", body)
        assert offer.status_code == 201, offer.text
        windows = [
            (datetime.fromisoformat(w["start"]), datetime.fromisoformat(w["end"]))
            for w in offer.json()["windows"]
        ]
        assert windows
        for start, end in windows:
            needs = (start - timedelta(minutes=60), end)  # its preparation, then the call
            for interview in booked:
                assert not overlaps(needs, occupied(interview)), (company, start, interview)
        # Book the first window: the next company's windows must keep clear of it too.
        booked.append(book(search, company, InterviewKind.TECHNICAL, windows[0][0]))
    assert web.api("GET", "/schedule/warnings").json() == []


def test_the_windows_page_proposes_shows_the_text_and_records_the_offer(sqlite_web: Web) -> None:
    web = sqlite_web
    apply(web.search, "Acme")
    form = web.get("/calendar/windows?company=acme").text
    assert re.search(r'<option value="Acme" selected>', form)
    response = web.post(
        "/calendar/windows",
        {"company": "Acme", "kind": "technical", "minutes": "60", "days": "5",
         "recruiter_time_zone": "America/New_York"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.text
    assert "3 windows for Acme, recorded as offered" in html
    text = re.search(r'<textarea id="offer-text" readonly[^>]*>(.*?)</textarea>', html, re.S)
    assert text
    assert text[1].startswith("Here are a few times that work for me for a 60-minute")
    assert "EST (" in text[1]  # the recruiter's times, with the user's in brackets
    assert 'data-copy="#offer-text"' in html
    offered = web.api("GET", "/schedule/windows").json()
    assert len(offered) == 3
    assert {w["kind"] for w in offered} == {"technical"}
    on_offer = html.split('id="on-offer-title"', 1)[1]
    assert on_offer.count("Technical (60 min)") == 3
    partial = web.post("/calendar/windows", {"company": "Acme", "days": "5"}, htmx=True)
    assert partial.text.lstrip().startswith('<div id="windows"')


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"company": ""}, "company", "Choose the company"),
        ({"company": "Nobody"}, "company", "No company named &#39;Nobody&#39;"),
        ({"minutes": "lots"}, "minutes", "not a whole number"),
        ({"days": "90"}, "days", "90 days is outside 1-60"),
        ({"recruiter_time_zone": "Atlantis"}, "recruiter_time_zone", "not a known time zone"),
    ],
)
def test_wrong_window_requests_are_refused_by_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    apply(sqlite_web.search, "Acme")
    form = {"company": "Acme", "kind": "recruiter", "days": "5"} | fields
    response = sqlite_web.post("/calendar/windows", form)
    assert response.status_code in (404, 422)
    assert message in field_message(response.text, field)
    assert sqlite_web.api("GET", "/schedule/windows").json() == []


def test_when_nothing_fits_the_page_says_so_with_a_hint(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    blocked = {"period": "2026-11-21..2027-01-31", "reason": "sabbatical"}
    assert sqlite_web.post("/calendar/settings/blocked", blocked).status_code == 303
    response = sqlite_web.post("/calendar/windows", {"company": "Acme", "days": "5"})
    assert response.status_code == 422
    assert "No window for a 30-minute recruiter interview fits" in response.text
    assert "Try more days" in response.text


def test_an_empty_search_gets_a_helpful_windows_page(sqlite_web: Web) -> None:
    html = sqlite_web.get("/calendar/windows").text
    assert "record an application" in html
    assert 'action="/calendar/windows"' not in html


# -- the API -------------------------------------------------------------------------------
def test_the_week_through_the_api(sqlite_web: Web) -> None:
    technical, recruiter = clashing_week(sqlite_web.search)
    week = sqlite_web.api("GET", f"/schedule/week?of={TUESDAY}").json()
    assert (week["first_day"], week["last_day"], week["time_zone"]) == (
        "2026-11-23",
        "2026-11-29",
        "UTC",
    )
    tuesday = week["days"][1]
    assert [i["id"] for i in tuesday["interviews"]] == [technical.id, recruiter.id]
    assert [b["interview_id"] for b in tuesday["prep_blocks"]] == [technical.id, recruiter.id]
    assert (tuesday["load_minutes"], tuesday["prep_minutes"]) == (180, 90)
    assert tuesday["limits"] == {
        "week": 3,
        "interviews": 4,
        "technical": 2,
        "onsites": 1,
        "first_week": False,
    }
    assert [w["kind"] for w in week["warnings"]] == ["no_buffer"]
    assert week["warnings"][0]["interview_ids"] == sorted([technical.id, recruiter.id])
    upcoming = sqlite_web.api("GET", "/schedule/warnings?days=7").json()
    assert upcoming == week["warnings"]


def test_api_problems(sqlite_web: Web) -> None:
    bad_day = sqlite_web.api("GET", "/schedule/week?of=someday")
    assert bad_day.status_code == 422
    assert bad_day.headers["content-type"] == "application/problem+json"
    assert bad_day.json()["errors"][0]["field"] == "of"
    neither = sqlite_web.api("POST", "/schedule/windows", {"kind": "technical"})
    assert neither.status_code == 422
    assert "either company_id or company" in neither.json()["detail"]
    unknown = sqlite_web.api("POST", "/schedule/windows", {"company_id": 99})
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    typo = sqlite_web.api("POST", "/schedule/windows", {"company_id": 1, "dayz": 3})
    assert typo.status_code == 422
    assert typo.json()["errors"][0]["field"] == "dayz"
    form = sqlite_web.client.post("/api/v1/schedule/windows", data={"company": "Acme"})
    assert form.status_code == 415


# -- ICS: download, invite upload ----------------------------------------------------------
def test_the_download_parses_with_and_without_prep_blocks(web: Web) -> None:
    technical, recruiter = clashing_week(web.search)
    plain = web.get("/calendar/export.ics")
    assert plain.status_code == 200
    assert plain.headers["content-type"].startswith("text/calendar")
    assert plain.headers["content-disposition"] == 'attachment; filename="widenet-2026-11-20.ics"'
    events = Calendar.from_ical(plain.content).walk("VEVENT")
    assert {str(e["UID"]) for e in events} == {technical.uid, recruiter.uid}
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in events}
    assert starts[technical.uid] == technical.start
    with_prep = Calendar.from_ical(web.get("/calendar/export.ics?prep=1").content)
    summaries = sorted(str(e["SUMMARY"]) for e in with_prep.walk("VEVENT"))
    assert len(summaries) == 4
    assert sum(s.startswith("Prepare: ") for s in summaries) == 2


def invite(uid: str, start: str, end: str, *, organizer: str, summary: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Invites//EN", "METHOD:REQUEST",
        "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261119T100000Z", f"DTSTART:{start}",
        f"DTEND:{end}", f"SUMMARY:{summary}", f"ORGANIZER;CN=Recruiter:mailto:{organizer}",
        "END:VEVENT", "END:VCALENDAR", "",
    ]  # fmt: skip
    return "\r\n".join(lines).encode()


def upload(web: Web, data: bytes) -> str:
    response = web.client.post(
        "/calendar/import",
        data={"csrf_token": web.token},
        files={"file": ("invite.ics", data, "text/calendar")},
    )
    assert response.status_code == 200, response.text
    return str(response.text)


def test_uploading_an_invite_twice_changes_nothing(web: Web) -> None:
    search = web.search
    search(lambda s: tracking.add_company(s, name="Beta", website="https://beta.io"))
    apply(search, "Beta")

    def beta_invite(start: str, end: str) -> bytes:
        return invite("g-1@example.com", start, end, organizer="sam@talent.beta.io",
                      summary="Technical interview")  # fmt: skip

    data = beta_invite("20261124T140000Z", "20261124T150000Z")
    first = upload(web, data)
    assert "1 created</strong> · 0 updated · 0 cancelled · 0 not matched · 0 unchanged" in first
    assert "Beta</a> · Technical" in first
    booked = web.api("GET", "/interviews").json()
    assert len(booked) == 1
    assert booked[0]["start"] == "2026-11-24T14:00:00Z"
    again = upload(web, data)
    assert "0 created</strong> · 0 updated · 0 cancelled · 0 not matched · 1 unchanged" in again
    assert "already in your search" in again
    assert web.api("GET", "/interviews").json() == booked
    moved = upload(web, beta_invite("20261124T150000Z", "20261124T160000Z"))
    assert "1 updated" in moved
    assert web.api("GET", "/interviews").json()[0]["start"] == "2026-11-24T15:00:00Z"


def test_an_unmatched_invite_asks_for_its_company(sqlite_web: Web) -> None:
    web = sqlite_web
    apply(web.search, "Acme")
    apply(web.search, "Beta")
    stray = invite("x-9@example.com", "20261125T140000Z", "20261125T143000Z",
                   organizer="x@elsewhere.example", summary=f"Coffee {XSS}")  # fmt: skip
    html = upload(web, stray)
    assert "0 created</strong> · 0 updated · 0 cancelled · 1 not matched" in html
    assert XSS not in html
    form = html.split('<ul class="result-list unmatched">', 1)[1].split("</form>", 1)[0]
    assert '<option value="Acme">' in form
    assert '<option value="Beta">' in form
    assert 'name="uid" value="x-9@example.com"' in form
    ics = re.search(r'name="ics" value="([^"]*)"', form)
    assert ics
    assert "BEGIN:VCALENDAR" in ics[1]
    chosen = web.post(
        "/calendar/import",
        {"ics": stray.decode(), "uid": "x-9@example.com", "company": "Beta", "role": ""},
    )
    assert chosen.status_code == 200
    assert "1 created" in chosen.text
    assert [i["company"] for i in web.api("GET", "/interviews").json()] == ["Beta"]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "Choose an .ics file"), (b"this is not a calendar", "iCalendar"),
     (b"x" * 1_000_001, "over 1 MB")],
)  # fmt: skip
def test_a_bad_upload_imports_nothing(sqlite_web: Web, data: bytes, message: str) -> None:
    response = sqlite_web.client.post(
        "/calendar/import",
        data={"csrf_token": sqlite_web.token},
        files={"file": ("invite.ics", data, "text/calendar")},
    )
    assert response.status_code == 422
    assert "Nothing was imported" in response.text
    assert message in response.text


# -- the subscription feed -----------------------------------------------------------------
def feed_url(web: Web) -> str:
    html = web.get("/calendar/settings").text
    found = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', html)
    assert found, "the settings page shows the feed's link"
    return found[1]


def test_the_feed_answers_the_right_token_only(web: Web) -> None:
    technical, _ = clashing_week(web.search)
    assert "Make the feed link" in web.get("/calendar/settings").text
    assert web.post("/calendar/settings/feed").status_code == 303
    url = feed_url(web)
    assert url.startswith("http://localhost/calendar/feed/")
    assert url.endswith(".ics")
    assert 'href="webcal://localhost/calendar/feed/' in web.get("/calendar/settings").text
    path = url.removeprefix("http://localhost")
    # A calendar app has no cookie and no token: the path is the key.
    app = build(web.search)
    stranger = TestClient(app, base_url="http://127.0.0.1:8765")
    feed = stranger.get(path)
    assert feed.status_code == 200
    assert stranger.head(path).status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert technical.uid in {str(e["UID"]) for e in events}
    assert len(events) == 4  # interviews and their preparation blocks
    # A wrong token looks exactly like an address that does not exist.
    wrong = stranger.get(path[:-10] + "0000000000.ics")
    nothing = stranger.get("/calendar/feed/nothing-here.ics")
    unknown = stranger.get("/no/such/page")
    assert wrong.status_code == nothing.status_code == unknown.status_code == 404
    assert wrong.text == nothing.text
    message = re.compile(r"<main.*</main>", re.S)
    assert message.findall(wrong.text) == message.findall(unknown.text)
    # A new link: the old one stops working.
    assert web.post("/calendar/settings/feed", {"rotate": "1"}).status_code == 303
    assert feed_url(web) != url
    assert stranger.get(path).status_code == 404
    assert stranger.get(feed_url(web).removeprefix("http://localhost")).status_code == 200
    app.state.database.dispose()


def test_the_feed_keeps_the_host_check(sqlite_web: Web) -> None:
    sqlite_web.post("/calendar/settings/feed")
    path = feed_url(sqlite_web).removeprefix("http://localhost")
    assert sqlite_web.client.get(path, headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert sqlite_web.client.get(path, headers={"host": "evil.example"}).status_code == 400
    app = build(sqlite_web.search, allowed_hosts=["laptop.lan"])
    lan = Web(app, sqlite_web.search)
    assert lan.client.get(path, headers={"host": "laptop.lan:8765"}).status_code == 200
    app.state.database.dispose()


@pytest.mark.parametrize("url", ["/calendar", "/calendar/settings", "/calendar/windows"])
def test_calendar_pages_render_on_an_empty_search(sqlite_web: Web, url: str) -> None:
    response = sqlite_web.get(url)
    assert response.status_code == 200
    assert response.text.startswith("<!doctype html>")
    assert 'href="/calendar" aria-current="page"' in response.text
