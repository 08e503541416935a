from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from hubdir.accounts.models import User

from .conftest import assert_accessible, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-and-unusual-passphrase"


def test_new_visitor_signs_up_confirms_email_logs_out_and_in_again(page, live_server):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("made, repaired and finished")
    assert_accessible(page)
    screenshots(page, "home")

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "signup")

    # The name others will see is asked for, with what it is for, at both sizes.
    name_box = page.get_by_label("Name shown to others")
    expect(name_box).to_be_visible()
    expect(name_box).to_have_accessible_description(re.compile(r"never your email address"))

    # A weak password first: the error sits beside the field and what was typed stays.
    page.get_by_label("Email").fill("rosa@example.com")
    name_box.fill("Rosa M.")
    page.get_by_label(re.compile(r"^Password:?$")).fill("password")
    page.get_by_label(re.compile(r"^Password \(again\)")).fill("password")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_text("This password is too common.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("rosa@example.com")
    expect(name_box).to_have_value("Rosa M.")
    assert_accessible(page)

    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert User.objects.filter(email="rosa@example.com").exists()

    body = mail.outbox[-1].body
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)
    page.goto(confirm_path)
    page.get_by_role("button", name="Confirm").click()
    # Signed in, the header names her as others see her, not by her address.
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Rosa M.")
    expect(page.get_by_role("navigation", name="Account")).not_to_contain_text("rosa@")

    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in")
    ).to_be_visible()

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    assert_accessible(page)
    screenshots(page, "login")
    page.get_by_label("Email").fill("rosa@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
