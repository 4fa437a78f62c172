"""The form that assigns a course or a drill, with choices limited to the
manager's scope (courses.selectors.plan_pages). The service decides what is
valid; its errors come back on their fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.selectors.plan_drills import drills_open

from ..models import Recurrence
from ..selectors.plan_pages import plan_courses_for, plan_people_for, plan_units_for


class DateInput(forms.DateInput):
    input_type = "date"


# Up to this many people in scope are offered as suggestions while typing; a
# larger scope (an administrator's bank) types the employee id.
PERSON_SUGGESTIONS_MAX = 500


class PersonIdInput(forms.TextInput):
    """An employee id, with the people in scope suggested as one types when
    they are few enough: a select of a whole bank would be 100,000 options."""

    template_name = "courses/widgets/person_id.html"
    suggestions: list[tuple[str, str]] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.suggestions:
            context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}_people"
        context["widget"]["suggestions"] = self.suggestions
        return context


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, required=False, empty_label=_("— no course —")
    )
    drill = forms.ModelChoiceField(
        label=_("Drill"), queryset=None, required=False, empty_label=_("— no drill —")
    )
    person = forms.ModelChoiceField(
        label=_("Person (employee id)"),
        queryset=None,
        required=False,
        to_field_name="employee_id",
        widget=PersonIdInput(attrs={"autocomplete": "off"}),
        help_text=_("One person: their employee id (suggested as you type)."),
        error_messages={"invalid_choice": _("Nobody in your scope has this employee id.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("— no unit —"),
        help_text=_("Everyone in the unit and the units below it, newcomers included."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)
    recurrence = forms.ChoiceField(
        label=_("Repeats"),
        choices=Recurrence.choices,
        initial=Recurrence.NONE,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = plan_courses_for(user)
        self.fields["drill"].queryset = drills_open()
        self.fields["person"].queryset = plan_people_for(user)
        self.fields["unit"].queryset = plan_units_for(user)
        self.fields["unit"].label_from_instance = lambda unit: unit.name
        people = self.fields["person"].queryset
        suggestions = list(people.values_list("employee_id", "name")[: PERSON_SUGGESTIONS_MAX + 1])
        if len(suggestions) <= PERSON_SUGGESTIONS_MAX:
            self.fields["person"].widget.suggestions = [
                (employee_id, f"{name} ({employee_id})") for employee_id, name in suggestions
            ]
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        if bool(data.get("course")) == bool(data.get("drill")) and not self.has_error("course"):
            self.add_error("course", _("Choose one course or one drill."))
        if bool(data.get("person")) == bool(data.get("unit")) and not self.has_error("person"):
            self.add_error("person", _("Choose one person or one unit."))
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """A ValidationError of the service, by field."""
        self.add_error(None, error)
