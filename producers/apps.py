from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ProducersConfig(AppConfig):
    name = "producers"

    def ready(self) -> None:
        from . import search
        from .models import Capability, Category, Certification, Material

        # The search page caches the catalogue's names; an edit must show at once.
        for model in (Category, Capability, Material, Certification):
            for signal in (post_save, post_delete):
                signal.connect(search.forget_catalogue, sender=model, dispatch_uid=id(model))
