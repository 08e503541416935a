from __future__ import annotations

import re
import uuid
from dataclasses import fields as dataclass_fields
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubdir.geo.units import radius_label, uses_miles
from producers.models import Capability, Material, Producer
from producers.search import cached_country, cached_geocode, catalogue

from . import demand
from .files import FilesField, clean_attachment
from .models import (
    BUYER_FIELDS,
    RADIUS_CHOICES,
    Attachment,
    Decline,
    JobRequest,
    ModerationAction,
    Notification,
    Quote,
    Report,
    Review,
)
from .services import RequestDetails

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,140}$")
# A database id as typed in a URL: ASCII digits only ("²".isdigit() is true), and short.
ID = re.compile(r"[0-9]{1,9}")


class ProducerSlugsField(forms.ModelMultipleChoiceField):
    """Producers by slug; anything that cannot be a slug is refused before any query."""

    def _check_values(self, value):
        for slug in value:
            if not SLUG.match(str(slug)):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": "?"},
                )
        return super()._check_values(value)


class JobRequestForm(forms.ModelForm):
    files = FilesField(
        label=_("Files (optional)"),
        help_text=_(
            "Drawings, photos or specs: JPEG, PNG, WebP, PDF, DXF or SVG, up to 20 MB each. "
            "Only you and the workshops that can quote see them."
        ),
    )
    invite = ProducerSlugsField(
        queryset=Producer.objects.published().claimed(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Invite these workshops"),
    )
    # A fresh token per form: a double submit finds the request the first one made.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = JobRequest
        fields = list(BUYER_FIELDS)
        widgets = {
            "needed_by": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "handover": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "place": forms.TextInput(
                attrs={"autocomplete": "postal-code", "list": "place-options"}
            ),
        }
        help_texts = {
            "title": _("For example: 500 kraft pastry boxes with our logo."),
            "description": _(
                "Size, finish, colours, how it is used: what a workshop needs to price it."
            ),
            "place": _("Your town or ZIP code: workshops are matched by distance from it."),
            "budget_min": _("Optional, in dollars."),
        }

    def __init__(self, *args, invite_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        capabilities = Capability.objects.select_related("category").order_by(
            "category__position", "name"
        )
        self.fields["capability"].queryset = capabilities
        self.fields["second_capability"].queryset = capabilities
        self.fields["material"].queryset = Material.objects.order_by("name")
        self.fields["material"].empty_label = _("Not sure yet / any")
        self.fields["second_capability"].empty_label = _("None")
        self.fields["capability"].empty_label = _("Choose what it needs")
        if invite_choices is not None:
            self.fields["invite"].widget.choices = [(p.slug, p.name) for p in invite_choices]
        # Kilometres underneath, shown as the request's place (or the site's region) reads them.
        place = self.instance.lat is not None and cached_country(
            self.instance.lat, self.instance.lng
        )
        miles = uses_miles(place or None)
        self.fields["radius_km"].choices = [
            (km, radius_label(km, miles=miles)) for km, _label in RADIUS_CHOICES
        ]
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = uuid.uuid4()

    def clean_title(self):
        # A title is one line: it becomes email subjects and list entries.
        return " ".join(self.cleaned_data["title"].split())

    def clean_needed_by(self):
        needed_by = self.cleaned_data["needed_by"]
        if needed_by < timezone.localdate():
            raise ValidationError(_("Choose a date from today on."), code="past")
        if needed_by > timezone.localdate() + timedelta(days=366):
            raise ValidationError(_("Choose a date within a year."), code="too_far")
        return needed_by

    def clean_place(self):
        text = self.cleaned_data["place"].strip()
        found = cached_geocode(text)
        if found is None:
            raise ValidationError(
                _("We could not find this place. Try a town or a ZIP code."), code="unknown_place"
            )
        # Where the gazetteer put it travels on with the form's data, for the service.
        self.cleaned_data["lat"], self.cleaned_data["lng"], self.cleaned_data["place_label"] = found
        return text

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        for name in ("budget_min", "budget_max"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("A budget cannot be negative."))
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The upper end must be at least the lower end."))
        first, second = data.get("capability"), data.get("second_capability")
        if first and second and first == second:
            self.add_error("second_capability", _("Choose a different second capability, or none."))
        return data

    def details(self) -> RequestDetails:
        return RequestDetails(
            **{f.name: self.cleaned_data[f.name] for f in dataclass_fields(RequestDetails)}
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you cancelling?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The workshops involved see this."),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why not?"), choices=Decline.Reason.choices)
    note = forms.CharField(label=_("Note to the buyer (optional)"), max_length=500, required=False)


class QuoteForm(forms.ModelForm):
    files = FilesField(label=_("File (optional)"), max_files=3)

    class Meta:
        model = Quote
        fields = ["price", "ready_by", "valid_until", "note"]
        widgets = {
            "ready_by": DATE,
            "valid_until": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "price": _("In dollars, for the whole quantity, taxes included."),
            "note": _("What is included, assumptions, questions."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("valid_until", timezone.localdate() + timedelta(days=14))

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price <= 0:
            raise ValidationError(_("Enter a price above zero."), code="not_positive")
        return price

    def clean_ready_by(self):
        ready_by = self.cleaned_data["ready_by"]
        if ready_by < timezone.localdate():
            raise ValidationError(_("Choose a date from today on."), code="past")
        return ready_by

    def clean_valid_until(self):
        valid_until = self.cleaned_data["valid_until"]
        if valid_until < timezone.localdate():
            raise ValidationError(_("Choose a date from today on."), code="past")
        return valid_until


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = FilesField(label=_("Files (optional)"), max_files=3)
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()


class FirstPieceForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo of the first piece"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=1000, required=False)

    def clean_photo(self):
        clean = clean_attachment(self.cleaned_data["photo"])
        if clean.kind != Attachment.Kind.IMAGE:
            raise ValidationError(_("Upload a photo: JPEG, PNG or WebP."), code="not_image")
        return clean


class FirstPieceAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("approve", _("Approve the first piece")), ("changes", _("Ask for changes"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What should change (needed when asking for changes)"),
        max_length=1000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not data.get("note", "").strip():
            self.add_error("note", _("Say what should change."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the buyer (optional)"), max_length=1000, required=False
    )


SCORES = [(i, str(i)) for i in range(5, 0, -1)]


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["quality", "speed", "communication", "text"]
        widgets = {
            "quality": forms.RadioSelect(choices=SCORES),
            "speed": forms.RadioSelect(choices=SCORES),
            "communication": forms.RadioSelect(choices=SCORES),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"quality": _("5 is best.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("quality", "speed", "communication"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label.capitalize(),
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("5 is best."),
            )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EmailPreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label=_("Email me about"),
        choices=Notification.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything also appears in your notifications in the app."),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What is wrong (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only staff read this."),
    )


class ModerationForm(forms.Form):
    """What staff do about a report, from the actions the report allows now."""

    action = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the moderation log; the owner or author reads it, unless dismissed."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ModerationAction.Action.choices)
        self.fields["action"].choices = [(a, labels[a]) for a in report.allowed_actions]


class BayEnquiryForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would make there, when you would start, any questions."),
    )


class DemandFilterForm(forms.Form):
    """The unmet-demand map's filters; every one optional, a bad value is said next to it."""

    period = forms.TypedChoiceField(
        label=_("Period"),
        choices=[(days, label) for days, label in demand.PERIODS.items()],
        coerce=int,
        required=False,
        empty_value=demand.DEFAULT_PERIOD,
        initial=demand.DEFAULT_PERIOD,
    )
    capability = forms.ChoiceField(label=_("Capability"), required=False)
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)
    radius = forms.TypedChoiceField(
        label=_("Within"),
        # Labelled in miles or km in __init__ (the site's region: the map has no place yet).
        choices=[("", _("anywhere"))] + [(r, f"{r} km") for r in (10, 25, 50, 100)],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        miles = uses_miles()
        self.fields["radius"].choices = [("", _("anywhere"))] + [
            (r, radius_label(r, miles=miles)) for r in (10, 25, 50, 100)
        ]
        self.fields["capability"].choices = [("", _("Every capability"))] + sorted(
            ((slug, name) for slug, (_pk, name) in catalogue()["capability"].items()),
            key=lambda choice: choice[1],
        )

    def near(self) -> tuple[float, float, float] | None:
        data = self.cleaned_data
        if data.get("lat") is None or data.get("lng") is None:
            return None
        return data["lat"], data["lng"], data.get("radius") or 25
