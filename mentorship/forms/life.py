"""The forms of a pair's page. The rules (who, when, which dates) are the
services'; these only read the input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.selectors.topics import topic_list


class DateInput(forms.DateInput):
    input_type = "date"


class AgreementForm(forms.Form):
    notes = forms.CharField(
        label=_("What we agree (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def topics_by_id() -> dict:
    """The topics a goal may name, read once for every goal's list of choices."""
    return {topic.pk: topic for topic in topic_list()}


class GoalForm(forms.Form):
    """One goal. `topics` ({id: topic}) is read once for all the goals of the
    form set, so a long agreement costs no more queries than a short one."""

    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, topics: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = topics
        self.fields["topic"].choices = [("", "---------")] + [
            (pk, topic.name) for pk, topic in topics.items()
        ]

    def clean_topic(self):
        return self.topics[self.cleaned_data["topic"]]


class BaseGoalFormSet(forms.BaseFormSet):
    def clean(self):
        """A topic twice is an error on the second goal that names it."""
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            topic = form.cleaned_data.get("topic")
            if topic is not None and topic.pk in seen:
                form.add_error("topic", _("Each topic may be a goal only once."))
            elif topic is not None:
                seen.add(topic.pk)

    def goals(self) -> list[dict]:
        return [
            {name: form.cleaned_data[name] for name in ("topic", "due_on", "notes")}
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]


GoalFormSet = forms.formset_factory(
    GoalForm, formset=BaseGoalFormSet, extra=1, can_delete=True, max_num=30, validate_max=True
)


class CheckInForm(forms.Form):
    met_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=600)
    notes = forms.CharField(
        label=_("Notes (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_steps = forms.CharField(
        label=_("Next steps (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EndEarlyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the pair end early?"), widget=forms.Textarea(attrs={"rows": 3})
    )


RATINGS = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did it go? (1 poor, 5 excellent)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObservationForm(forms.Form):
    changed = forms.TypedChoiceField(
        label=_("Has the way of working changed?"),
        choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    example = forms.CharField(
        label=_("An example of what you saw (Markdown)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    observed_on = forms.DateField(
        label=_("Observed on"), widget=DateInput(), initial=timezone.localdate
    )
