from django.contrib import admin

from .models import (
    Bay,
    Capability,
    Category,
    Certification,
    ClaimRequest,
    Hub,
    HubJoinRequest,
    Invitation,
    ListingChange,
    Machine,
    Material,
    Membership,
    OpeningHours,
    Photo,
    Producer,
    ProducerCapability,
    ProducerCertification,
    SavedSearch,
    Suggestion,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class ProducerCapabilityInline(admin.TabularInline):
    model = ProducerCapability
    extra = 0
    autocomplete_fields = ["capability"]


class MachineInline(admin.TabularInline):
    model = Machine
    extra = 0


class HoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["caption", "position", "image"]
    readonly_fields = ["image"]


class BayInline(admin.TabularInline):
    model = Bay
    extra = 0


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "verified", "hub", "town", "updated_at"]
    list_filter = ["status", "verified", "hub__kind", "accepts_custom_jobs"]
    search_fields = ["name", "slug", "town", "postcode", "memberships__user__email"]
    readonly_fields = ["verified_by", "verified_at", "submitted_at", "published_at"]
    raw_id_fields = ["hub"]
    inlines = [MembershipInline, ProducerCapabilityInline, MachineInline, HoursInline, PhotoInline]


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "town"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "slug", "town", "postcode"]
    inlines = [MembershipInline, BayInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


@admin.register(Capability)
class CapabilityAdmin(admin.ModelAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "synonyms"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    search_fields = ["name", "synonyms"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "hub", "producer", "role"]
    list_filter = ["role"]
    search_fields = ["user__email", "hub__name", "producer__name"]
    raw_id_fields = ["user", "hub", "producer"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "hub", "producer", "role", "status", "expires_at"]
    list_filter = ["status", "role", "as_tenant"]
    search_fields = ["email"]
    raw_id_fields = ["hub", "producer", "invited_by"]


@admin.register(Bay)
class BayAdmin(admin.ModelAdmin):
    list_display = ["hub", "name", "size_sqm", "monthly_price", "status"]
    list_filter = ["status"]
    search_fields = ["hub__name", "name"]


@admin.register(Machine)
class MachineAdmin(admin.ModelAdmin):
    list_display = ["make_model", "producer", "capability"]
    list_filter = ["capability__category"]
    search_fields = ["make_model", "producer__name"]


@admin.register(ProducerCertification)
class ProducerCertificationAdmin(admin.ModelAdmin):
    list_display = ["producer", "certification", "expires_on"]
    list_filter = ["certification"]
    search_fields = ["producer__name"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["caption", "producer", "position"]
    search_fields = ["caption", "producer__name"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["__str__", "producer", "hub", "walk_in"]
    list_filter = ["weekday", "walk_in"]
    search_fields = ["producer__name", "hub__name"]


@admin.register(ProducerCapability)
class ProducerCapabilityAdmin(admin.ModelAdmin):
    list_display = ["producer", "capability", "batch_band", "lead_time_days"]
    list_filter = ["batch_band", "capability__category"]
    search_fields = ["producer__name", "capability__name"]


@admin.register(ListingChange)
class ListingChangeAdmin(admin.ModelAdmin):
    """Read-only: a change is approved or rejected on the review page, which applies it."""

    list_display = ["producer", "hub", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ListingChange._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(HubJoinRequest)
class HubJoinRequestAdmin(admin.ModelAdmin):
    list_display = ["producer", "hub", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    raw_id_fields = ["producer", "hub", "requested_by", "decided_by"]


class DecidedOnTheQueue(admin.ModelAdmin):
    """Read-only: accepting makes a listing and refusing tells people, so both happen on the
    staff page for suggestions and claims (/review/suggestions/), which does all of it."""

    def has_add_permission(self, request) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(Suggestion)
class SuggestionAdmin(DecidedOnTheQueue):
    list_display = ["name", "place_label", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["name", "place", "contact_email"]


@admin.register(ClaimRequest)
class ClaimRequestAdmin(DecidedOnTheQueue):
    list_display = ["producer", "user", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["producer__name", "user__email"]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "created_at", "checked_at"]
    list_filter = ["frequency"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]
