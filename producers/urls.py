from django.urls import path, re_path

from .views import feeds, owner, public, staff

app_name = "producers"
urlpatterns = [
    path("search/", public.search, name="search"),
    path("catalogue/", public.catalogue, name="catalogue"),
    path("catalogue/<slug:slug>/", public.category, name="category"),
    path("capabilities/<slug:slug>/", public.capability, name="capability"),
    path("workshops/<slug:slug>/", public.profile, name="profile"),
    path("hubs/<slug:slug>/", public.hub, name="hub"),
    # Open data
    path("open-data/", feeds.open_data, name="open_data"),
    re_path(r"^feeds/producers\.(?P<fmt>json|geojson|csv)$", feeds.producers_feed, name="feed"),
    path("feeds/workshops/<slug:slug>.ics", feeds.producer_ics, name="feed_producer_ics"),
    path("feeds/hubs/<slug:slug>.ics", feeds.hub_ics, name="feed_hub_ics"),
    # For workshops
    path("for-workshops/", owner.dashboard, name="owner_dashboard"),
    path("for-workshops/producers/new/", owner.producer_new, name="producer_new"),
    path("for-workshops/hubs/new/", owner.hub_new, name="hub_new"),
    path("for-workshops/producers/<slug:slug>/", owner.producer_edit, name="edit"),
    path("for-workshops/producers/<slug:slug>/photos/", owner.producer_photos, name="photos"),
    path("for-workshops/producers/<slug:slug>/delete/", owner.producer_delete, name="delete"),
    path(
        "for-workshops/producers/<slug:slug>/photos/<int:pk>/",
        owner.photo_action,
        name="photo_action",
    ),
    path(
        "for-workshops/producers/<slug:slug>/<slug:section>/",
        owner.producer_section,
        name="edit_section",
    ),
    path("for-workshops/hubs/<slug:slug>/", owner.hub_edit, name="hub_edit"),
    path(
        "for-workshops/<str:kind>/<slug:slug>/status/<str:action>/",
        owner.listing_status,
        name="listing_status",
    ),
    path("for-workshops/<str:kind>/<slug:slug>/members/", owner.members, name="members"),
    path(
        "for-workshops/<str:kind>/<slug:slug>/members/<int:pk>/remove/",
        owner.member_remove,
        name="member_remove",
    ),
    path(
        "for-workshops/hubs/<slug:slug>/join-requests/<int:pk>/",
        owner.hub_join_answer,
        name="hub_join_answer",
    ),
    path(
        "for-workshops/hubs/<slug:slug>/tenants/<int:pk>/remove/",
        owner.hub_tenant_remove,
        name="hub_tenant_remove",
    ),
    path("invitations/<str:token>/", owner.invitation, name="invitation"),
    # Staff
    path("review/", staff.review_queue, name="review_queue"),
    path("review/changes/<int:pk>/", staff.change_review, name="change_review"),
    path("review/<str:kind>/<slug:slug>/", staff.review, name="review"),
]
