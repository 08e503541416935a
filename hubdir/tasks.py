from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from hubdir.site import site_url


@task()
def send_templated_email(*, to: list[str], template: str, context: dict) -> None:
    """Render `emails/<template>.txt` (first line is the subject) and send it.

    Enqueued after commit, so a mail failure never undoes the change that caused it.
    """
    context = {**context, "site_url": site_url()}
    subject, _, body = render_to_string(f"emails/{template}.txt", context).partition("\n")
    # One line whatever people typed: a "\r" in a title would make Django refuse the header.
    subject = " ".join(subject.split())
    send_mail(subject, body.strip() + "\n", None, to)
