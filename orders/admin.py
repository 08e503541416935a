from django.contrib import admin

from .models import (
    Attachment,
    Decline,
    JobRequest,
    Lead,
    Message,
    ModerationAction,
    Notification,
    Order,
    OrderEvent,
    Quote,
    QuoteRevision,
    Report,
    Review,
    StaffAccess,
    Thread,
)
from .services import staff_access_record


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["producer", "price", "ready_by", "valid_until", "status"]
    readonly_fields = fields
    show_change_link = True


@admin.register(JobRequest)
class JobRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "buyer", "capability", "quantity", "needed_by", "status", "visibility"]
    list_filter = ["status", "visibility", "capability__category"]
    search_fields = ["title", "description", "buyer__email"]
    raw_id_fields = ["buyer"]
    date_hierarchy = "created_at"
    inlines = [QuoteInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Reading a request here is reading it as staff, as on the site: logged.
        job = self.get_object(request, object_id)
        if job is not None:
            staff_access_record(staff=request.user, job=job, path=request.path)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["job_request", "producer", "price", "ready_by", "status", "version"]
    list_filter = ["status"]
    search_fields = ["job_request__title", "producer__name"]
    raw_id_fields = ["job_request", "producer", "author"]


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    readonly_fields = ["text", "note", "by", "created_at"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["job_request", "producer", "buyer", "price", "status", "created_at"]
    list_filter = ["status", "first_piece"]
    search_fields = ["job_request__title", "producer__name", "buyer__email"]
    raw_id_fields = ["job_request", "quote", "buyer", "producer", "cancelled_by"]
    inlines = [OrderEventInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Staff moderate reviews here: read, search, and delete abusive ones."""

    list_display = [
        "producer",
        "buyer",
        "quality",
        "speed",
        "communication",
        "hidden",
        "created_at",
    ]
    list_filter = ["hidden"]
    search_fields = ["text", "reply", "producer__name"]
    raw_id_fields = ["order", "producer", "buyer"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["job_request", "producer", "last_message_at"]
    raw_id_fields = ["job_request", "producer"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["thread", "sender", "from_buyer", "created_at"]
    search_fields = ["body"]
    raw_id_fields = ["thread", "sender"]


admin.site.register(
    Lead,
    raw_id_fields=["job_request", "producer"],
    list_display=["job_request", "producer", "invited", "first_response_at"],
)
admin.site.register(
    Decline,
    raw_id_fields=["job_request", "producer", "by"],
    list_display=["job_request", "producer", "reason"],
)
admin.site.register(
    Attachment,
    raw_id_fields=["job_request", "quote", "message", "order", "uploaded_by"],
    list_display=["name", "kind", "size", "created_at"],
)
admin.site.register(
    Notification,
    raw_id_fields=["user"],
    list_display=["user", "kind", "title", "created_at", "read_at"],
)
admin.site.register(
    QuoteRevision, raw_id_fields=["quote"], list_display=["quote", "version", "price"]
)


@admin.register(StaffAccess)
class StaffAccessAdmin(admin.ModelAdmin):
    """The log of staff opening people's requests: read only, for everyone."""

    list_display = ["at", "staff", "request_number", "request_status", "path"]
    list_filter = ["request_status"]
    # The path holds the request's number ("/requests/12/", "/jobrequest/12/").
    search_fields = ["staff__email", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports are decided on the moderation queue page (/moderation/); here, to look up."""

    list_display = ["__str__", "reporter", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    search_fields = ["note", "reporter__email"]
    raw_id_fields = ["reporter", "producer", "hub", "review", "message", "job_request"]
    readonly_fields = ["status", "resolved_at"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The moderation log: who did what about which report, and why. Read only."""

    list_display = ["at", "staff", "action", "subject", "reason"]
    list_filter = ["action"]
    search_fields = ["subject", "reason", "staff__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
