from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

from hubdir import health, views
from hubdir.accounts.views import choose_language
from hubdir.replica import directory_read
from producers.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("hello/", views.hello, name="hello"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", choose_language, name="set_language"),
    # The strings of static/js/*.js, in the reader's language (cached: they change on deploy).
    path(
        "jsi18n/",
        cache_page(86400)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
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
