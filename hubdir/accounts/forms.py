from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name"]
        help_texts = {"name": "Shown to workshops you contact and on reviews you write."}
