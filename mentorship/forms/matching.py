"""Forms of the suggestions page: change a suggestion's mentor, assign by hand.
Choices are limited to the manager's scope; the hard rules are checked by
pair_create and its refusal is shown on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..rules import RULE_MESSAGES
from ..services.pairs import PairingRuleBroken


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.unit.name}" if obj.unit_id else obj.name


class ChangeMentorForm(forms.Form):
    mentor = PersonChoiceField(queryset=None, label=_("Another mentor"))

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors


class HandAssignForm(forms.Form):
    mentee = PersonChoiceField(queryset=None, label=_("Mentee"))
    mentor = PersonChoiceField(queryset=None, label=_("Mentor"))

    def __init__(self, *args, mentees, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentor"].queryset = mentors


MENTEE_RULES = {"mentee_out_of_scope", "mentee_has_pair"}


def add_rule_errors(form: forms.Form, broken: PairingRuleBroken) -> None:
    """Each broken rule's message on the field it concerns (the mentee's
    rules on the mentee, the others on the mentor)."""
    for code in broken.codes:
        field = "mentee" if code in MENTEE_RULES and "mentee" in form.fields else "mentor"
        form.add_error(field, forms.ValidationError(RULE_MESSAGES[code], code=code))
