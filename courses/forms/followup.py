"""Forms of the follow-up after training: the trainee's reaction survey and a
checkpoint's behaviour observation. The rules (who, once) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes(value: str) -> bool:
    return value == "yes"


class ReactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the course for your work? (1 not at all, 5 very)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ObservationForm(forms.Form):
    """One yes/no per item of the course's checklist, then the overall answer
    and an example."""

    changed = forms.TypedChoiceField(
        label=_("Overall, has the way of working changed?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    example = forms.CharField(
        label=_("An example of what you saw (Markdown)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, items: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        checklist = {
            f"item_{n}": forms.TypedChoiceField(
                label=item, choices=YES_NO, coerce=_yes, widget=forms.RadioSelect
            )
            for n, item in enumerate(items)
        }
        self.fields = {**checklist, **self.fields}

    def checklist(self) -> list[dict]:
        return [
            {"item": item, "changed": self.cleaned_data[f"item_{n}"]}
            for n, item in enumerate(self.items)
        ]
