from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

from hubdir.site import site_url


@task()
def send_templated_email(
    *, to: list[str], template: str, context: dict, unsubscribe_path: str = ""
) -> None:
    """Render `emails/<template>.txt` (first line is the subject) and send it.

    Enqueued after commit, so a mail failure never undoes the change that caused it. With
    `unsubscribe_path`, mail programs offer their own unsubscribe button (List-Unsubscribe).
    """
    context = {**context, "site_url": site_url()}
    subject, _, body = render_to_string(f"emails/{template}.txt", context).partition("\n")
    # One line whatever people typed: a "\r" in a title would make Django refuse the header.
    subject = " ".join(subject.split())
    headers = {"List-Unsubscribe": f"<{site_url()}{unsubscribe_path}>"} if unsubscribe_path else {}
    EmailMessage(subject, body.strip() + "\n", None, to, headers=headers).send()
