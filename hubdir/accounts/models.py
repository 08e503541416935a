from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Shown for a person who has not chosen a name.
FALLBACK_DISPLAY_NAME = _("A Hubdir member")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An account; email is the login. Roles come from memberships, not from here."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    # Notification kinds (orders.Notification.Kind) this person gets in the app but not by email.
    email_muted = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    # The language they chose (or signed up in): their pages and emails. Blank: the site's.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self) -> str:
        """What other people see for this person: the name they chose, never the email.

        Accounts from before sign-up asked for a name have none; an address typed as a
        name would leak it all the same.
        """
        name = self.name.strip()
        if not name or "@" in name:
            return str(FALLBACK_DISPLAY_NAME)
        return name

    def get_full_name(self) -> str:
        return self.display_name()

    def get_short_name(self) -> str:
        return self.display_name()


class SentEmail(models.Model):
    """One row per logical email (hubdir.tasks.send_templated_email), claimed before it is
    sent: a retry, a second worker or a re-run task finds it and sends nothing. Claimed and
    never marked sent means the outcome is unknown (a crash mid-send): never sent again."""

    key = models.CharField(max_length=64, unique=True)
    template = models.CharField(max_length=100)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.template} ({self.key})"
