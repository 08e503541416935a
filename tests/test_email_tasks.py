"""Emails leave at most once: retried with backoff while the mail server cannot be reached,
never sent twice (hubdir.tasks.send_templated_email)."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hubdir.accounts.models import SentEmail
from hubdir.tasks import RETRY_DELAYS, send_templated_email

pytestmark = pytest.mark.django_db

NOTIFICATION = {
    "title": "Bea Buyer accepted your quote",
    "body": "Order #12 is yours.",
    "url": "/orders/12/",
    "unsubscribe_url": "/account/unsubscribe/x/",
    "kind_label": "Quote accepted",
}


def _send(key: str = "", attempt: int = 1):
    return send_templated_email.enqueue(
        to=["olive@example.com"],
        template="notification",
        values=NOTIFICATION,
        key=key,
        attempt=attempt,
    )


@pytest.fixture
def mail_server_down(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_same_email_run_twice_is_sent_once():
    _send(key="quote-accepted:12")
    _send(key="quote-accepted:12")  # a retry, a second worker, a re-run task
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Bea Buyer accepted your quote")
    assert SentEmail.objects.get(key="quote-accepted:12").sent_at is not None


def test_each_email_is_its_own_even_with_the_same_words():
    _send()
    _send()  # two notifications that read alike: each task's id is its key
    assert len(mail.outbox) == 2
    assert SentEmail.objects.filter(sent_at__isnull=False).count() == 2


def test_an_email_whose_sending_was_cut_short_is_never_sent_again():
    # What a worker killed between claiming and marking sent leaves: the outcome is unknown.
    SentEmail.objects.create(key="quote-accepted:12", template="notification")
    _send(key="quote-accepted:12")
    assert mail.outbox == []
    assert SentEmail.objects.get(key="quote-accepted:12").sent_at is None


@pytest.mark.django_db(transaction=True)
def test_while_the_mail_server_is_down_the_email_waits_and_leaves_once_it_is_back(
    settings, database_queue, mail_server_down
):
    _send()
    _work()

    first = DBTaskResult.objects.get(status="FAILED")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["key"] == str(first.id)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=RETRY_DELAYS[0] - 5)
    assert not SentEmail.objects.exists()  # nothing left, so the claim was given back

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # it is back
    _work()
    assert mail.outbox == []  # not before its time
    with time_machine.travel(timezone.now() + timedelta(seconds=RETRY_DELAYS[0] + 1)):
        _work()
        _work()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olive@example.com"]
    assert SentEmail.objects.get(key=str(first.id)).sent_at is not None
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1


@pytest.mark.django_db(transaction=True)
def test_after_the_last_retry_the_email_is_given_up_and_logged(
    database_queue, mail_server_down, caplog
):
    _send(key="quote-accepted:12", attempt=len(RETRY_DELAYS) + 1)
    _work()
    assert DBTaskResult.objects.get().status == "FAILED"  # and no retry queued
    assert "not sent: the mail server could not be reached" in caplog.text
    assert not SentEmail.objects.exists()
