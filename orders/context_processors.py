from django.utils.functional import SimpleLazyObject

from .models import Notification


def notifications(request):
    """Unread notifications for the header; counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread() -> int:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(unread)}
