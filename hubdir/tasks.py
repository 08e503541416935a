from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import TaskContext, task

from hubdir.accounts.models import SentEmail
from hubdir.site import site_url

logger = logging.getLogger(__name__)

# Seconds before each retry while the mail server cannot be reached: about 3 hours in all.
# django-tasks has no retries of its own yet (django/new-features#142).
RETRY_DELAYS = (30, 120, 600, 1800, 7200)


@task(takes_context=True)
def send_templated_email(
    context: TaskContext,
    *,
    to: list[str],
    template: str,
    values: dict,
    key: str = "",
    attempt: int = 1,
    unsubscribe_path: str = "",
    language: str = "",
) -> None:
    """Render `emails/<template>.txt` with `values` (its first line is the subject) and send
    it, at most once. (`context` is django-tasks' own: the task's id and attempts.)

    Enqueued after commit, so a mail failure never undoes the change that caused it. `key`
    names the logical email (the first task's id; its retries carry it): it is claimed in
    SentEmail before sending, so it leaves at most once. Only a failure to reach the mail
    server, which proves nothing was sent, gives the claim back and retries, with backoff,
    on a queue that can wait (the database queue; the immediate one just fails). With
    `unsubscribe_path`, mail programs offer their own unsubscribe button (List-Unsubscribe).
    It is written in `language` (the recipient's, hubdir.accounts.language.language_of);
    a task runs outside any request, so nothing else would choose it.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        rendered = render_to_string(f"emails/{template}.txt", {**values, "site_url": site_url()})
    subject, _, body = rendered.partition("\n")
    # One line whatever people typed: a "\r" in a title would make Django refuse the header.
    subject = " ".join(subject.split())
    key = key or context.task_result.id
    _claim, claimed = SentEmail.objects.get_or_create(key=key, defaults={"template": template})
    if not claimed:
        logger.info("Email %s (%s) was already sent or tried; not sending again", key, template)
        return
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException):
        SentEmail.objects.filter(key=key, sent_at=None).delete()
        _retry_later(
            to=to,
            template=template,
            values=values,
            key=key,
            attempt=attempt,
            unsubscribe_path=unsubscribe_path,
            language=language,
        )
        raise
    headers = {"List-Unsubscribe": f"<{site_url()}{unsubscribe_path}>"} if unsubscribe_path else {}
    try:
        EmailMessage(
            subject, body.strip() + "\n", None, to, headers=headers, connection=connection
        ).send()
    finally:
        connection.close()
    SentEmail.objects.filter(key=key).update(sent_at=timezone.now())


def _retry_later(
    *,
    to: list[str],
    template: str,
    values: dict,
    key: str,
    attempt: int,
    unsubscribe_path: str,
    language: str,
) -> None:
    if attempt > len(RETRY_DELAYS) or not send_templated_email.get_backend().supports_defer:
        logger.error("Email %s (%s) not sent: the mail server could not be reached", key, template)
        return
    run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    send_templated_email.using(run_after=run_after).enqueue(
        to=to,
        template=template,
        values=values,
        key=key,
        attempt=attempt + 1,
        unsubscribe_path=unsubscribe_path,
        language=language,
    )
