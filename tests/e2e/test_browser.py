"""The web UI in a real browser (Debian's Chromium): drag and drop, forms, interviews."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Live

pytestmark = pytest.mark.browser


def column(page: Any, stage: str) -> Any:
    return page.locator(f'ol.cards[data-stage="{stage}"]')


def test_drag_a_card_to_the_next_column_and_it_stays(live: Live, page: Any) -> None:
    page.goto(live.url + "/")
    card = page.locator(f"#card-{live.fresh_id}")
    assert column(page, "applied").locator(f"#card-{live.fresh_id}").count() == 1

    card.locator(".role").drag_to(column(page, "recruiter"))
    dialog = page.locator("#move-dialog")
    dialog.wait_for(state="visible")
    assert "Fresh Robotics" in dialog.inner_text()
    assert "Recruiter" in dialog.inner_text()
    assert dialog.locator("input[name=on]").input_value() == date.today().isoformat()
    dialog.get_by_role("button", name="Move").click()
    page.locator("#flash .success").wait_for()
    assert dialog.is_hidden()

    page.reload()
    moved = column(page, "recruiter").locator(f"#card-{live.fresh_id}")
    assert moved.count() == 1
    assert "today" in moved.inner_text()
    assert column(page, "applied").locator(f"#card-{live.fresh_id}").count() == 0


def test_cancelling_the_dialog_puts_the_card_back(live: Live, page: Any) -> None:
    page.goto(live.url + "/")
    card = page.locator(".board .card").first
    card_id = card.get_attribute("id")
    stage = card.get_attribute("data-stage")
    target = "applied" if stage != "applied" else "technical"
    card.locator(".role").drag_to(column(page, target))
    page.locator("#move-dialog").wait_for(state="visible")
    page.get_by_role("button", name="Cancel").click()
    expect(column(page, stage).locator(f"#{card_id}")).to_have_count(1)  # waits for it
    page.reload()
    assert column(page, stage).locator(f"#{card_id}").count() == 1


def test_a_refused_drop_says_why_and_the_card_goes_back(live: Live, page: Any) -> None:
    page.goto(live.url + "/")
    card = page.locator(f"#card-{live.pending_application_id}")
    card.locator(".role").drag_to(column(page, "technical"))
    dialog = page.locator("#move-dialog")
    dialog.wait_for(state="visible")
    too_early = (date.today() - timedelta(days=30)).isoformat()
    dialog.locator("input[name=on]").fill(too_early)
    dialog.get_by_role("button", name="Move").click()
    message = dialog.locator("[data-error]")
    message.wait_for(state="visible")
    assert "would come before it" in message.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    expect(column(page, "applied").locator(f"#card-{live.pending_application_id}")).to_have_count(1)
    page.reload()
    assert column(page, "applied").locator(f"#card-{live.pending_application_id}").count() == 1


def test_move_with_the_keyboard_usable_select(live: Live, page: Any) -> None:
    page.goto(live.url + "/")
    card = page.locator(f"#card-{live.fresh_id}")
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    card.locator("select[name=stage]").select_option("hiring_manager")
    card.get_by_role("button", name="Move").click()
    page.wait_for_function(
        "id => document.querySelector('ol[data-stage=hiring_manager] #card-' + id)",
        arg=live.fresh_id,
    )
    page.reload()
    assert column(page, "hiring_manager").locator(f"#card-{live.fresh_id}").count() == 1


def test_add_company_with_an_invalid_field_shows_the_message(live: Live, page: Any) -> None:
    page.goto(live.url + "/companies/new")
    page.get_by_label("Name").fill("Browser Test Co")
    page.get_by_label("Excitement (1–5)").fill("9")
    page.get_by_role("button", name="Add company").click()
    field = page.locator(".field.invalid")
    expect(field).to_have_count(1)
    expect(field).to_contain_text("outside 1-5")
    assert page.get_by_label("Name").input_value() == "Browser Test Co"  # kept
    page.get_by_label("Excitement (1–5)").fill("4")
    page.get_by_role("button", name="Add company").click()
    expect(page.locator("h1")).to_contain_text("Browser Test Co")


def test_complete_an_interview(live: Live, page: Any) -> None:
    page.goto(f"{live.url}/companies/{live.pending_company_id}")
    interview = page.locator(f"#interview-{live.pending_interview_id}")
    interview.get_by_label("Self-rating").select_option("3")
    interview.get_by_label("Outcome").select_option("pass")
    interview.get_by_label("Notes").fill("System design went well")
    interview.get_by_role("button", name="Save").click()
    done = page.locator(f"#interview-{live.pending_interview_id}.done")
    expect(done).to_contain_text("Self-rating 3/4")
    expect(done).to_contain_text("Pass")
    expect(done).to_contain_text("System design went well")
    page.reload()
    expect(done).to_contain_text("Self-rating 3/4")  # stored, not only shown
