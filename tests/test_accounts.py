"""Sign-up, verification, login throttling, password reset and the account page."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from hubdir.accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"


def _link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_new_visitor_signs_up_and_must_confirm_the_email(client):
    response = client.post(
        SIGNUP,
        {
            "email": "new.person@example.com",
            "name": "Nia P.",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )
    assert "Verify Your Email Address" in response.content.decode()
    user = User.objects.get(email="new.person@example.com")
    assert user.name == "Nia P."
    assert user.check_password(PASSWORD)
    assert user.password.startswith("md5$")  # the test hasher; argon2 in production
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]

    # Logging in before confirming is not enough.
    client.logout()
    response = client.post(LOGIN, {"login": "new.person@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    confirm_url = _link_in(mail.outbox[-1])
    response = client.get(confirm_url)
    assert response.status_code == 200
    response = client.post(confirm_url, follow=True)
    assert EmailAddress.objects.get(user=user).verified
    assert response.context["user"] == user


def test_production_hashes_passwords_with_argon2(settings):
    from django.conf import settings as django_settings
    from django.contrib.auth.hashers import make_password

    assert django_settings.PASSWORD_HASHERS  # set by the autouse fixture in tests
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert make_password("anything").startswith("argon2")


def test_signup_with_a_weak_password_explains_why_and_keeps_the_email(client):
    response = client.post(
        SIGNUP,
        {
            "email": "weak@example.com",
            "name": "W",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "This password is too common." in text
    assert 'value="weak@example.com"' in text
    assert 'aria-invalid="true"' in text
    assert not User.objects.filter(email="weak@example.com").exists()


def test_signup_with_mismatched_passwords_shows_the_error_beside_the_field(client):
    response = client.post(
        SIGNUP,
        {
            "email": "typo@example.com",
            "name": "T",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_a_taken_email_does_not_reveal_the_account(client, buyer):
    response = client.post(
        SIGNUP,
        {"email": buyer.email.upper(), "name": "B", "password1": PASSWORD, "password2": PASSWORD},
    )
    # Same answer as a new address: "check your email"; the owner is told by mail instead.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact=buyer.email).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [buyer.email]
    assert "already" in mail.outbox[0].body.lower()


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how many passwords it hashes."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


def test_signup_hashes_the_password_as_often_for_a_taken_email_as_for_a_new_one(
    client, buyer, settings
):
    settings.PASSWORD_HASHERS = ["tests.test_accounts.CountingHasher"]
    hashed = {}
    for email in ("someone.new@example.com", buyer.email):
        CountingHasher.calls = 0
        response = client.post(
            SIGNUP, {"email": email, "name": "Pat", "password1": PASSWORD, "password2": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == "/accounts/confirm-email/"
        hashed[email] = CountingHasher.calls
    # Both answers cost one hashing: response time does not tell which address has an account.
    assert hashed == {"someone.new@example.com": 1, buyer.email: 1}


def test_signup_asks_for_the_name_shown_to_others_and_refuses_an_address_there(client):
    page = client.get(SIGNUP).content.decode()
    assert "Name shown to others" in page
    assert 'autocomplete="name"' in page
    for name, error in [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("rosa@example.com", "Use a name, not an email address"),
    ]:
        response = client.post(
            SIGNUP,
            {
                "email": "rosa@example.com",
                "name": name,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 200
        assert error in response.content.decode()
    assert not User.objects.exists()


def test_member_cannot_make_their_email_their_public_name(client, member):
    client.force_login(member)
    response = client.post("/account/", {"name": member.email})
    assert "Use a name, not an email address" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Max Member"


def test_header_shows_the_display_name_not_the_email(client):
    nameless = UserFactory(email="no.name.yet@example.com", name="")
    client.force_login(nameless)
    page = client.get("/account/").content.decode()
    account_nav = page.split('aria-label="Account"')[1].split("</nav>")[0]
    assert "A Hubdir member" in account_nav and "no.name.yet" not in account_nav


def test_emails_are_unique_regardless_of_case(db):
    from django.db import IntegrityError

    UserFactory(email="Case@Example.com")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="case@example.com", password=PASSWORD)


def test_member_logs_in_with_email_and_password(client, member):
    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/").context["user"] == member


def test_login_with_wrong_password_gives_the_same_message_as_unknown_email(client, member):
    wrong = client.post(LOGIN, {"login": member.email, "password": "not-it"}).content.decode()
    unknown = client.post(
        LOGIN, {"login": "nobody@example.com", "password": "not-it"}
    ).content.decode()
    message = "The email address and/or password you specified are not correct."
    assert message in wrong and message in unknown


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, member):
    for _ in range(4):
        client.post(LOGIN, {"login": member.email, "password": "guess"})
    fifth = client.post(LOGIN, {"login": member.email, "password": "guess"})
    assert fifth.status_code == 429
    assert "Too many sign-in attempts" in fifth.content.decode()
    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_so_others_can_still_log_in(client, member, buyer):
    for _ in range(5):
        client.post(LOGIN, {"login": member.email, "password": "guess"})
    response = client.post(LOGIN, {"login": buyer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(buyer.pk)


def test_login_changes_the_session_key(client, member):
    client.get(LOGIN)
    client.cookies["sessionid"] = "fixated-session-key"
    client.post(LOGIN, {"login": member.email, "password": PASSWORD})
    assert client.cookies["sessionid"].value != "fixated-session-key"


def test_password_reset_by_email_then_login_with_the_new_password(client, member):
    response = client.post(RESET, {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0])
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new_password = "a-brand-new-long-password"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)


def test_password_reset_for_an_unknown_email_looks_the_same(client, member):
    known = client.post(RESET, {"email": member.email})
    unknown = client.post(RESET, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_account_page_needs_login(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_renames_themselves_on_the_account_page(client, member):
    client.force_login(member)
    response = client.post("/account/", {"name": "Maxine Member", "is_staff": "on"}, follow=True)
    assert "Your details are saved." in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Maxine Member"
    assert not member.is_staff


def test_logout_needs_a_post_and_ends_the_session(client, member):
    client.force_login(member)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
