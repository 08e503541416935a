from django.urls import path

from .views import bays, demand, moderation, notifications, orders, quotes, requests

app_name = "orders"
urlpatterns = [
    path("demand/", demand.demand_page, name="demand"),
    path("feeds/demand.csv", demand.demand_csv, name="demand_csv"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/new/matches/", requests.request_matches, name="request_matches"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/publish/", requests.request_publish, name="request_publish"),
    path("requests/<int:pk>/cancel/", requests.request_cancel, name="request_cancel"),
    path("requests/<int:pk>/delete/", requests.request_delete, name="request_delete"),
    path("requests/invite/", requests.request_invite, name="request_invite"),
    path("requests/<int:pk>/decline/", requests.request_decline, name="request_decline"),
    path("requests/<int:pk>/quote/", quotes.quote_create, name="quote_create"),
    path("requests/<int:pk>/messages/<slug:slug>/", orders.thread, name="thread"),
    path("quotes/<int:pk>/revise/", quotes.quote_revise, name="quote_revise"),
    path("quotes/<int:pk>/withdraw/", quotes.quote_withdraw, name="quote_withdraw"),
    path("quotes/<int:pk>/accept/", quotes.quote_accept, name="quote_accept"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/first-piece/", orders.order_first_piece, name="order_first_piece"),
    path(
        "orders/<int:pk>/first-piece/answer/",
        orders.order_first_piece_answer,
        name="order_first_piece_answer",
    ),
    path("orders/<int:pk>/ready/", orders.order_ready, name="order_ready"),
    path("orders/<int:pk>/complete/", orders.order_complete, name="order_complete"),
    path("orders/<int:pk>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/review/", orders.review_create, name="review_create"),
    path("reviews/<int:pk>/reply/", orders.review_reply, name="review_reply"),
    path("files/<uuid:uuid>/", orders.attachment_download, name="file"),
    path("bays/<int:pk>/ask/", bays.bay_enquiry_create, name="bay_enquiry_create"),
    path("bays/enquiries/<int:pk>/", bays.bay_enquiry, name="bay_enquiry"),
    path("board/", quotes.board, name="board"),
    path("dashboard/", orders.dashboard, name="dashboard"),
    path("dashboard/<slug:slug>/", orders.dashboard_listing, name="dashboard_listing"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("report/<str:kind>/<int:pk>/", moderation.report_create, name="report"),
    path("moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("moderation/<int:pk>/", moderation.moderation_report, name="moderation_report"),
    # Under /account/, beside the person's other settings.
    path("account/notifications/", notifications.email_preferences, name="email_preferences"),
    path("account/unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
]
