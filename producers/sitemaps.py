from django.contrib.sitemaps import Sitemap

from .models import Capability, Category, Hub, Producer


class ProducerSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Producer.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class HubSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Hub.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CatalogueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return list(Category.objects.all()) + list(Capability.objects.all())


SITEMAPS = {"producers": ProducerSitemap, "hubs": HubSitemap, "catalogue": CatalogueSitemap}
