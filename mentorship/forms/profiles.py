"""Forms of the mentor profile, the nomination and its answer, and a mentee's needs."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from quizzes.selectors.topics import topic_list

from ..conf import mentorship_settings
from ..selectors.profiles import guidance_type_choices


def _topics_field(label, help_text):
    return forms.ModelMultipleChoiceField(
        queryset=topic_list(),
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


def _capacity_limits(field):
    """The most and the default come from settings, read when the form is made."""
    most = mentorship_settings.MAX_CAPACITY
    field.validators.append(MaxValueValidator(most))
    field.widget.attrs["max"] = most
    field.initial = mentorship_settings.DEFAULT_CAPACITY


class MentorProfileForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Mentees at once"),
        min_value=1,
        help_text=_("How many colleagues you can mentor at the same time."),
    )
    strengths = _topics_field(
        _("Topics of strength"),
        _("Each is shown with your own measured mastery from the drills."),
    )
    introduction = forms.CharField(
        label=_("Introduction (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you can help with, and how you like to work."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _capacity_limits(self.fields["capacity"])


class NominationForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Mentees at once"),
        min_value=1,
        help_text=_("The nominee may change it when they accept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _capacity_limits(self.fields["capacity"])


class NominationAnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(ACCEPT, _("I accept")), (DECLINE, _("I decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline; your manager reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.DECLINE and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why you decline, for your manager."))
        return data

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["answer"] == self.ACCEPT


class MenteeNeedForm(forms.Form):
    seeking = forms.BooleanField(label=_("Looking for a mentor"), required=False)
    guidance_type = forms.ChoiceField(
        label=_("Guidance type"),
        required=False,
        help_text=_("The kind of personalised guidance this colleague needs."),
    )
    focus_topics = _topics_field(
        _("Topics to focus on"), _("Added to the weak topics the drills show.")
    )
    manager_note = forms.CharField(
        label=_("Manager's note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guidance_type"].choices = guidance_type_choices()
