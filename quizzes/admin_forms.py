"""Admin forms for the question bank and drills."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from markup.widgets import MarkdownTextarea

from .models import Category, Drill, DrillQuestion, Question
from .question_types import __doc__ as PAYLOAD_HELP
from .validation import payload_problems


class CategoryForm(WagtailAdminModelForm):
    parent = forms.ModelChoiceField(
        queryset=Category.objects.order_by("path"), required=False, label=_("Parent category")
    )

    class Meta:
        model = Category
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].label_from_instance = lambda c: "— " * (c.depth - 1) + c.name
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()


class QuestionForm(WagtailAdminModelForm):
    """A question with its current content. Saving an answered question adds a version."""

    stem = forms.CharField(label=_("Question text"), widget=MarkdownTextarea)
    general_feedback = forms.CharField(
        label=_("General feedback"), required=False, widget=MarkdownTextarea(attrs={"rows": 4})
    )
    payload = forms.CharField(
        label=_("Answers (JSON)"),
        widget=forms.Textarea(attrs={"rows": 12, "class": "monospace"}),
        help_text=_("The answers in the shape of the question's type, as documented below."),
    )

    class Meta:
        model = Question
        fields = ["category", "topic", "qtype", "name", "difficulty", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.payload_help = PAYLOAD_HELP
        version = self.instance.current_version if self.instance.pk else None
        if version is not None:
            self.fields["stem"].initial = version.stem
            self.fields["general_feedback"].initial = version.general_feedback
            self.fields["payload"].initial = json.dumps(
                version.payload, ensure_ascii=False, indent=2
            )
            self.fields["qtype"].disabled = True  # a version's answers only make sense for its type

    def clean_payload(self):
        try:
            payload = json.loads(self.cleaned_data["payload"])
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Not valid JSON: line %(line)d, column %(col)d: %(msg)s")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg}
            ) from error
        return payload

    def clean(self):
        cleaned = super().clean()
        qtype, payload = cleaned.get("qtype"), cleaned.get("payload")
        if qtype and payload is not None:
            for problem in payload_problems(qtype, payload):
                self.add_error("payload", problem)
        return cleaned


class DrillForm(WagtailAdminModelForm):
    fixed_questions = forms.ModelMultipleChoiceField(
        queryset=Question.objects.filter(
            is_active=True, owner_person__isnull=True, owner_unit__isnull=True
        ).select_related("category"),
        required=False,
        label=_("Questions (for a fixed list)"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    class Meta:
        model = Drill
        fields = [
            "title",
            "description",
            "selection",
            "question_count",
            "categories",
            "topics",
            "time_per_question",
            "time_limit",
            "pass_mark",
            "attempts_allowed",
            "shuffle_questions",
            "shuffle_choices",
            "feedback",
            "desired_retention",
            "audience",
            "is_active",
        ]
        widgets = {"description": MarkdownTextarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["fixed_questions"].initial = list(
                self.instance.drill_questions.values_list("question_id", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selection") == "fixed" and not cleaned.get("fixed_questions"):
            self.add_error("fixed_questions", _("Pick the questions of a fixed-list drill."))
        return cleaned

    def save_fixed_questions(self, drill: Drill) -> None:
        wanted = list(self.cleaned_data.get("fixed_questions") or [])
        drill.drill_questions.exclude(question__in=wanted).delete()
        for position, question in enumerate(wanted):
            DrillQuestion.objects.update_or_create(
                drill=drill, question=question, defaults={"position": position}
            )
