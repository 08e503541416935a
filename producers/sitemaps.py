from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap

from hubdir.site import site_url

from .models import Capability, Category, Hub, Producer


class SiteSitemap(Sitemap):
    """Links start with site_url(), as emails' do, not with the Site row written at migrate
    time (which would keep pointing at port 8000)."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc


class ProducerSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Producer.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class HubSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Hub.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CatalogueSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return list(Category.objects.all()) + list(Capability.objects.all())


SITEMAPS = {"producers": ProducerSitemap, "hubs": HubSitemap, "catalogue": CatalogueSitemap}
