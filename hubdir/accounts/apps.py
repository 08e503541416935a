from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hubdir.accounts"
    label = "accounts"
    verbose_name = "Accounts"
