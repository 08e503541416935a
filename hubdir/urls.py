from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from hubdir import health, views
from hubdir.replica import directory_read
from producers.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("hello/", views.hello, name="hello"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("hubdir.accounts.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        directory_read(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("hubdir.geo.urls")),
    path("", include("producers.urls")),
    path("", include("orders.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "hubdir.views.bad_request"
handler404 = "hubdir.views.page_not_found"
handler500 = "hubdir.views.server_error"
