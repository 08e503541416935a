"""Reports and moderation in a real browser: a resident reports a review on a workshop's
profile, staff hide it from the moderation queue (the action without JavaScript), and the
review is gone from the profile."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from orders import services
from orders.models import ModerationAction, Report

from ..factories import PASSWORD, UserFactory, make_market, make_portland, make_quote, make_request
from .conftest import assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_reports_a_review_staff_hide_it_and_it_is_gone_from_the_profile(
    page, browser, live_server
):
    make_portland()
    m = make_market()
    job = make_request(m.buyer, title="Coasters")
    order = services.quote_accept(quote=make_quote(job, m.matching), by=m.buyer)
    services.order_mark_ready(order=order, by=m.matching_owner)
    services.order_complete(order=order, by=m.buyer)
    services.review_create(
        order=order, by=m.buyer, quality=1, speed=1, communication=1, text="Total crooks, avoid"
    )
    resident = UserFactory(email="rita@example.com", name="Rita Resident")

    # The resident reports the review from the profile.
    log_in(page, resident.email, PASSWORD)
    page.goto(m.matching.get_absolute_url())
    expect(page.get_by_text("Total crooks, avoid")).to_be_visible()
    page.get_by_role("link", name="Report the review by Bea Buyer").click()
    expect(page.get_by_role("heading", name="Report a review of Kerf Laser")).to_be_visible()
    # Sending without a reason: the error sits by the field and the note stays.
    page.get_by_label("What is wrong (optional)").fill("Name-calling, not about the work")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("What is wrong (optional)")).to_have_value(
        "Name-calling, not about the work"
    )
    page.get_by_label("Abuse or harassment").check()
    assert_accessible(page)
    screenshots(page, "moderation-1-report-form")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. Staff will look at your report.")).to_be_visible()
    assert Report.objects.get().reporter == resident

    # Staff see the queue and the report in context (axe needs JavaScript to run) ...
    staff_context = browser.new_context(base_url=live_server.url)
    staff_page = staff_context.new_page()
    staff_page.set_default_timeout(10_000)
    log_in(staff_page, m.staff.email, PASSWORD)
    staff_page.goto("/moderation/")
    expect(staff_page.get_by_role("heading", name="Moderation queue")).to_be_visible()
    assert_accessible(staff_page)
    screenshots(staff_page, "moderation-2-queue")
    staff_page.get_by_role("link", name="A review of Kerf Laser").click()
    expect(staff_page.get_by_text("Total crooks, avoid")).to_be_visible()
    expect(staff_page.get_by_text("Name-calling, not about the work")).to_be_visible()
    assert_accessible(staff_page)
    screenshots(staff_page, "moderation-3-report")
    report_url = staff_page.url
    staff_context.close()

    # ... and hide the review with JavaScript off: plain forms, errors by their fields.
    plain_context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = plain_context.new_page()
    plain.set_default_timeout(10_000)
    log_in(plain, m.staff.email, PASSWORD)
    plain.goto(report_url)
    plain.get_by_label("Hide it").check()
    plain.get_by_role("button", name="Do it").click()
    expect(plain.get_by_text("This field is required.")).to_be_visible()
    expect(plain.get_by_label("Hide it")).to_be_checked()
    plain.get_by_label("Why").fill("Insults, not a review of the work")
    plain.get_by_role("button", name="Do it").click()
    expect(plain.get_by_text("Done. The reporters and the owner are told.")).to_be_visible()
    expect(plain.get_by_text("No open reports.")).to_be_visible()
    plain_context.close()
    assert ModerationAction.objects.get().action == "hide"

    # The review is gone from the profile, and from its figures; the resident is told.
    page.goto(m.matching.get_absolute_url())
    expect(page.get_by_role("heading", name="Reviews")).to_be_visible()
    expect(page.get_by_text("Total crooks, avoid")).to_have_count(0)
    expect(page.get_by_text("No reviews yet")).to_be_visible()
    page.goto("/notifications/")
    expect(page.get_by_text("Your report about a review of Kerf Laser")).to_be_visible()
