from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from hubdir import views

urlpatterns = [
    path("", views.home, name="home"),
    path("hello/", views.hello, name="hello"),
    path("health/", views.health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("hubdir.accounts.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "hubdir.views.page_not_found"
handler500 = "hubdir.views.server_error"
