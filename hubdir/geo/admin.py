from django.contrib import admin

from .models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "postcode", "region", "country_code", "population"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "ascii_name", "postcode"]
    # The gazetteer has ~240,000 rows: skip the unfiltered COUNT(*) on every page.
    show_full_result_count = False
