from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.forms.formsets import TOTAL_FORM_COUNT, ManagementForm
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .images import ALLOWED_EXTENSIONS, MAX_UPLOAD_BYTES
from .models import (
    Bay,
    Capability,
    ClaimRequest,
    Hub,
    Machine,
    OpeningHours,
    Photo,
    Producer,
    ProducerCapability,
    ProducerCertification,
    SavedSearch,
    Suggestion,
)
from .search import cached_geocode

TIME_ZONES = sorted(available_timezones())
LOCATION_HELP = _(
    "We place you on the map from the postcode or town. To be exact, type coordinates "
    "or drag the pin on the map."
)


class LocationFormMixin(forms.ModelForm):
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, help_text=LOCATION_HELP
    )
    lng = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The declared field hides the model default; without this a new listing would
        # start in the alphabetically first zone.
        self.initial["time_zone"] = self.initial.get("time_zone") or self.instance.time_zone
        # Left out of a post (an older form, a script), the language stays what it was.
        self.fields["description_language"].required = False

    def clean_description_language(self) -> str:
        return self.cleaned_data.get("description_language") or self.instance.description_language

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None) and not self.errors:
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        return data


class ProducerForm(LocationFormMixin):
    services = forms.MultipleChoiceField(
        label=_("Services"),
        choices=Producer.Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    customer_types = forms.MultipleChoiceField(
        label=_("Who you work for"),
        choices=Producer.CustomerType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Producer
        fields = [
            "name",
            "tagline",
            "description",
            "description_language",
            "description_es",
            "services",
            "customer_types",
            "accepts_custom_jobs",
            "made_on_site",
            "resold",
            "hub",
            "uses_hub_address",
            "address_line",
            "town",
            "region",
            "postcode",
            "country_code",
            "lat",
            "lng",
            "time_zone",
            "approximate_location",
            "website",
            "phone",
            "public_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_es": forms.Textarea(attrs={"rows": 5, "lang": "es"}),
        }

    def __init__(self, *args, hubs=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only hubs the user is a member of, or the one it is already in.
        allowed = Q(pk__in=hubs.values("pk")) if hubs is not None else Q(pk__in=[])
        if self.instance.hub_id:
            allowed |= Q(pk=self.instance.hub_id)
        self.fields["hub"].queryset = Hub.objects.filter(allowed)
        self.fields["hub"].required = False

    def clean(self):
        data = super().clean()
        if data.get("uses_hub_address") and not data.get("hub"):
            self.add_error("uses_hub_address", _("Choose a hub first, or give your own address."))
        return data


class HubForm(LocationFormMixin):
    amenities = forms.MultipleChoiceField(
        label=_("Amenities"),
        choices=Hub.Amenity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Hub
        fields = [
            "name",
            "kind",
            "description",
            "description_language",
            "description_es",
            "amenities",
            "address_line",
            "town",
            "region",
            "postcode",
            "country_code",
            "lat",
            "lng",
            "time_zone",
            "approximate_location",
            "website",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_es": forms.Textarea(attrs={"rows": 5, "lang": "es"}),
        }


class ProducerCapabilityForm(forms.ModelForm):
    class Meta:
        model = ProducerCapability
        fields = [
            "capability",
            "materials",
            "batch_band",
            "min_quantity",
            "lead_time_days",
            "notes",
        ]
        widgets = {"materials": forms.SelectMultiple(attrs={"size": 6})}


class MachineForm(forms.ModelForm):
    class Meta:
        model = Machine
        fields = ["capability", "make_model", "work_area", "max_thickness_mm", "materials"]
        widgets = {"materials": forms.SelectMultiple(attrs={"size": 6})}

    def clean_max_thickness_mm(self):
        value = self.cleaned_data.get("max_thickness_mm")
        if value is not None and value <= 0:
            raise ValidationError(_("Thickness must be more than 0 mm."))
        return value


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "walk_in"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("Closing time must be after opening time."))
        return data


class ProducerCertificationForm(forms.ModelForm):
    class Meta:
        model = ProducerCertification
        fields = ["certification", "reference", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"})}


class ListingRowsFormSet(forms.BaseInlineFormSet):
    """A listing's rows (capabilities, machines, hours...), refused in the owner's words when
    a post holds more rows than the section takes."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "This list takes at most %(num)d row.", "This list takes at most %(num)d rows.", "num"
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A post claiming more rows than the page ever shows builds none of them: the section
        # comes back as saved, with the refusal above it, for the cost of viewing the page.
        self.oversized = self.is_bound and self._claimed_rows() > self.absolute_max
        if self.oversized:
            self.is_bound = False

    def _claimed_rows(self) -> int:
        management = ManagementForm(self.data, prefix=self.prefix)
        return management.cleaned_data[TOTAL_FORM_COUNT] if management.is_valid() else 0

    def non_form_errors(self):
        if self.oversized:
            message = self.error_messages["too_many_forms"] % {"num": self.max_num}
            return self.error_class([message], error_class="nonform", renderer=self.renderer)
        return super().non_form_errors()


def rows_at_most(most: int, *, extra: int = 1) -> dict:
    """Formset options for a section of at most `most` rows.

    Django builds one form per row a post claims (TOTAL_FORMS), so an unbounded formset lets
    one request tie up a worker: `absolute_max` is the most forms it ever builds, a few above
    `most` so that rows saved before a cap came in still show and can be deleted.
    """
    return {
        "formset": ListingRowsFormSet,
        "extra": extra,
        "can_delete": True,
        "max_num": most,
        "validate_max": True,
        "absolute_max": most + 10,
    }


# The catalogue has 55 capabilities and 18 certifications, each taken at most once.
CapabilityFormSet = inlineformset_factory(
    Producer, ProducerCapability, form=ProducerCapabilityForm, **rows_at_most(60)
)
MachineFormSet = inlineformset_factory(Producer, Machine, form=MachineForm, **rows_at_most(50))
# Three openings a day, seven days.
HoursFormSet = inlineformset_factory(
    Producer, OpeningHours, form=OpeningHoursForm, fk_name="producer", **rows_at_most(21, extra=2)
)
HubHoursFormSet = inlineformset_factory(
    Hub, OpeningHours, form=OpeningHoursForm, fk_name="hub", **rows_at_most(21, extra=2)
)
CertificationFormSet = inlineformset_factory(
    Producer, ProducerCertification, form=ProducerCertificationForm, **rows_at_most(30)
)


class BayForm(forms.ModelForm):
    class Meta:
        model = Bay
        fields = [
            "name",
            "size_sqm",
            "monthly_price",
            "min_lease_months",
            "available_from",
            "status",
            "notes",
        ]
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"})}

    def clean_monthly_price(self):
        price = self.cleaned_data.get("monthly_price")
        if price is not None and price <= 0:
            raise ValidationError(_("Price must be more than 0."))
        return price


# A large shared kitchen or maker space lets a few dozen bays.
BayFormSet = inlineformset_factory(Hub, Bay, form=BayForm, **rows_at_most(100))


class PhotoUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=format_lazy(
            _("JPEG, PNG or WebP, up to {mb} MB. Location data is removed."),
            mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED_EXTENSIONS))}),
    )
    caption = forms.CharField(
        label=_("Caption"), max_length=200, help_text=Photo._meta.get_field("caption").help_text
    )


class PhotoCaptionForm(forms.Form):
    caption = forms.CharField(
        label=_("Caption"), max_length=200, help_text=Photo._meta.get_field("caption").help_text
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("member", _("Member: can edit the listing")),
            ("owner", _("Owner: can also manage members")),
        ],
        initial="member",
    )


class TenantInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Tenant's email address"),
        help_text=_("They get a link to create their producer listing inside this hub."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the owner"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ApproveForm(forms.Form):
    checked_equipment = forms.BooleanField(label=_("Equipment seen"), required=False)
    checked_hours = forms.BooleanField(label=_("Regular hours"), required=False)
    checked_businesses = forms.BooleanField(label=_("Serves businesses"), required=False)
    checked_examples = forms.BooleanField(label=_("Examples made on site"), required=False)
    verify = forms.BooleanField(
        label=_("Mark as verified"),
        required=False,
        help_text=_("Only when every item of the checklist is true."),
    )

    def __init__(self, *args, gaps: dict[str, str] | None = None, **kwargs):
        """`gaps`: the items the listing does not bear out (Producer.checklist_gaps), shown
        unticked and disabled, with what is missing, so they cannot be checked."""
        super().__init__(*args, **kwargs)
        for name, missing in (gaps or {}).items():
            self.fields[name].disabled = True
            self.fields[name].help_text = missing

    def clean(self):
        data = super().clean()
        checks = [data.get(f) for f in self.fields if f.startswith("checked_")]
        if data.get("verify") and not all(checks):
            self.add_error("verify", _("Tick every checklist item before marking it verified."))
        return data


class ChangeApproveForm(forms.Form):
    keep_verified = forms.BooleanField(
        label=_("Keep it verified under the new name"),
        required=False,
        help_text=_("Only when the checklist still holds for the business as renamed."),
    )


# --- What residents keep and give ---


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {
            "name": _("For you only, to tell your saved searches apart."),
            "frequency": _("An email only when new workshops match; never the same one twice."),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class SuggestionForm(forms.ModelForm):
    capabilities = forms.ModelMultipleChoiceField(
        queryset=Capability.objects.none(),
        label=_("What it makes or repairs"),
        help_text=_("Choose up to five. Hold Ctrl (or ⌘) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Suggestion
        fields = ["name", "capabilities", "place", "contact_email", "note"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4}),
            "place": forms.TextInput(attrs={"list": "place-options", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capabilities"].queryset = Capability.objects.order_by("name")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_capabilities(self):
        chosen = self.cleaned_data["capabilities"]
        if len(chosen) > 5:
            raise ValidationError(_("Choose at most five."))
        return chosen

    def clean_place(self):
        text = self.cleaned_data["place"].strip()
        found = cached_geocode(text)
        if found is None:
            raise ValidationError(_("We could not find this place. Try a town or a ZIP code."))
        self.cleaned_data["lat"], self.cleaned_data["lng"], self.cleaned_data["place_label"] = found
        return text


class ClaimForm(forms.ModelForm):
    class Meta:
        model = ClaimRequest
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
