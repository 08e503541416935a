from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "hubdir.geo"
    label = "geo"
    verbose_name = "Places"
