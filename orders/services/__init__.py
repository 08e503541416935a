"""Every write about requests, quotes, orders, messages and reviews, by topic.

Each service checks the state it needs under a row lock and raises TransitionError (with a
message for the person) when the action is not allowed now; nothing is written then.
Notifications are rows in the same transaction; their emails are enqueued after commit, so
a rollback sends nothing and a mail failure loses nothing. Callers use `services.<name>`.
"""

from .common import (
    TransitionError,
    attach_files,
    producer_people,
    responded,
)
from .conversations import (
    bay_enquiry_send,
    bay_message_send,
    hub_managers,
    message_send,
    thread_mark_read,
)
from .freshness import listing_reminders_send
from .fulfilment import (
    order_cancel,
    order_complete,
    order_first_piece_answer,
    order_first_piece_send,
    order_mark_ready,
    review_create,
    review_reply,
)
from .moderation import (
    moderation_act,
    report_create,
    report_owners,
    report_subject,
    report_target_url,
)
from .notifications import (
    UNSUBSCRIBE_SALT,
    email_preferences_save,
    email_unsubscribe,
    notifications_mark_read,
    notify,
    unsubscribe_read,
    unsubscribe_token,
)
from .quotes import (
    quote_accept,
    quote_create,
    quote_revise,
    quote_withdraw,
)
from .requests import (
    RequestDetails,
    request_cancel,
    request_create,
    request_decline,
    request_delete,
    request_invite,
    request_publish,
    request_update,
    requests_expire,
    staff_access_record,
)

__all__ = [
    "TransitionError",
    "bay_enquiry_send",
    "bay_message_send",
    "hub_managers",
    "attach_files",
    "producer_people",
    "responded",
    "UNSUBSCRIBE_SALT",
    "unsubscribe_token",
    "notify",
    "notifications_mark_read",
    "email_preferences_save",
    "unsubscribe_read",
    "email_unsubscribe",
    "RequestDetails",
    "request_create",
    "request_update",
    "request_publish",
    "request_invite",
    "request_cancel",
    "request_delete",
    "requests_expire",
    "request_decline",
    "staff_access_record",
    "quote_create",
    "quote_revise",
    "quote_withdraw",
    "quote_accept",
    "order_first_piece_send",
    "order_first_piece_answer",
    "order_mark_ready",
    "order_complete",
    "order_cancel",
    "review_create",
    "review_reply",
    "message_send",
    "thread_mark_read",
    "report_create",
    "report_subject",
    "report_target_url",
    "report_owners",
    "moderation_act",
    "listing_reminders_send",
]
