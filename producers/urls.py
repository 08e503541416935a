from django.urls import path, re_path

from .views import feeds, owner, public, saved, staff, suggestions

app_name = "producers"
urlpatterns = [
    path("search/", public.search, name="search"),
    path("catalogue/", public.catalogue, name="catalogue"),
    path("catalogue/<slug:slug>/", public.category, name="category"),
    path("capabilities/<slug:slug>/", public.capability, name="capability"),
    path("workshops/<slug:slug>/", public.profile, name="profile"),
    path("hubs/<slug:slug>/", public.hub, name="hub"),
    path("workshops/<slug:slug>/shortlist/", saved.favourite, name="favourite"),
    path("workshops/<slug:slug>/claim/", suggestions.claim_create, name="claim"),
    path("shortlist/", saved.shortlist, name="shortlist"),
    path("suggest/", suggestions.suggestion_create, name="suggest"),
    # Under /account/, beside the person's other settings.
    path("account/saved-searches/", saved.saved_searches, name="saved_searches"),
    path("account/saved-searches/new/", saved.saved_search_new, name="saved_search_new"),
    path("account/saved-searches/<int:pk>/", saved.saved_search_edit, name="saved_search_edit"),
    path(
        "account/saved-searches/<int:pk>/delete/",
        saved.saved_search_delete,
        name="saved_search_delete",
    ),
    path(
        "account/saved-searches/unsubscribe/<str:token>/",
        saved.saved_search_unsubscribe,
        name="saved_search_unsubscribe",
    ),
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
    path(
        "for-workshops/<str:kind>/<slug:slug>/confirm/",
        owner.listing_confirm,
        name="listing_confirm",
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
    path("review/suggestions/", suggestions.suggestion_queue, name="suggestion_queue"),
    path("review/suggestions/<int:pk>/", suggestions.suggestion_decide, name="suggestion_decide"),
    path("review/claims/<int:pk>/", suggestions.claim_decide, name="claim_decide"),
    path("review/<str:kind>/<slug:slug>/", staff.review, name="review"),
]
