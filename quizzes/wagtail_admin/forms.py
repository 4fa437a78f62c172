"""Admin forms for the question bank and drills."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from markup.widgets import MarkdownTextarea
from treeforms import ParentChoiceField, ParentFormMixin

from ..answer_lines import LinesInvalid, fields_from_payload, payload_from_fields
from ..models import Category, Drill, DrillQuestion, Question
from ..question_types import QuestionType
from ..validation import payload_problems

# Where a type's problems are shown in the form.
ANSWER_FIELD_OF = {
    QuestionType.SINGLE: "choices",
    QuestionType.MULTIPLE: "choices",
    QuestionType.TRUE_FALSE: "true_or_false",
    QuestionType.SHORT: "answers",
    QuestionType.NUMERIC: "numbers",
    QuestionType.ORDERING: "items",
    QuestionType.MATCHING: "pairs",
    QuestionType.RECALL: "back",
}


class CategoryForm(ParentFormMixin, WagtailAdminModelForm):
    parent = ParentChoiceField(Category, label=_("Parent category"))
    under_itself = _("A category cannot be moved under itself.")

    class Meta:
        model = Category
        fields = ["name", "description"]


class TextField(forms.CharField):
    """Text as typed, with the line breaks of the stored text: browsers send a
    textarea's lines ended by CR LF, which would otherwise count as a change."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


def _lines_field(label, help_text, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "data-question-types": ""}),
    )


class QuestionForm(WagtailAdminModelForm):
    """A question with its current content, its answers typed line by line
    (see quizzes.answer_lines). Saving an answered question adds a version."""

    stem = TextField(label=_("Question text"), widget=MarkdownTextarea)
    choices = _lines_field(
        _("Choices (single and multiple choice)"),
        _(
            "One per line. Start the right ones with *; or give a weight such as [50%] or [-100%]. "
            "Text after // is that choice's feedback."
        ),
    )
    true_or_false = forms.ChoiceField(
        label=_("The statement is (true or false)"),
        choices=[("true", _("True")), ("false", _("False"))],
        required=False,
        widget=forms.RadioSelect,
    )
    answers = _lines_field(
        _("Accepted answers (short answer)"),
        _(
            "One per line; [50%] before an answer gives partial credit; a line with only * accepts anything else. "
            "Case, full-width forms and Traditional or Simplified characters do not matter."
        ),
        rows=4,
    )
    numbers = _lines_field(
        _("Answers (numeric)"),
        _("One per line, such as 3.45 ± 0.05 or 1000 ± 5%."),
        rows=3,
    )
    unit = forms.CharField(label=_("Unit (numeric)"), required=False, max_length=20)
    items = _lines_field(_("Items in the right order (ordering)"), _("One per line."))
    pairs = _lines_field(
        _("Pairs (matching)"),
        _("One per line as “left => right”; “=> right” alone adds a distractor."),
    )
    back = TextField(
        label=_("Back of the card (recall card)"),
        required=False,
        widget=MarkdownTextarea(attrs={"rows": 4}),
    )
    general_feedback = TextField(
        label=_("General feedback"), required=False, widget=MarkdownTextarea(attrs={"rows": 4})
    )

    ANSWER_FIELDS = (
        "choices",
        "true_or_false",
        "answers",
        "numbers",
        "unit",
        "items",
        "pairs",
        "back",
    )

    class Meta:
        model = Question
        fields = ["category", "topic", "qtype", "name", "difficulty", "is_active"]

    class Media:
        js = ["quizzes/question-form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qtype"].widget.attrs["data-question-type-select"] = ""
        version = self.instance.current_version if self.instance.pk else None
        if version is not None:
            self.fields["stem"].initial = version.stem
            self.fields["general_feedback"].initial = version.general_feedback
            for name, value in fields_from_payload(self.instance.qtype, version.payload).items():
                self.fields[name].initial = value
            self.fields["qtype"].disabled = True  # a version's answers only make sense for its type

    def clean(self):
        cleaned = super().clean()
        qtype = cleaned.get("qtype")
        if not qtype:
            return cleaned
        try:
            version = self.instance.current_version if self.instance.pk else None
            payload = payload_from_fields(
                qtype,
                {k: cleaned.get(k) or "" for k in self.ANSWER_FIELDS},
                base=version.payload if version else None,
            )
        except LinesInvalid as invalid:
            for field, messages in invalid.problems.items():
                for message in messages:
                    self.add_error(field, message)
            return cleaned
        target = ANSWER_FIELD_OF.get(qtype, "choices")
        for problem in payload_problems(qtype, payload):
            self.add_error(target, problem)
        cleaned["payload"] = payload
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
            current = list(self.instance.drill_questions.values_list("question_id", flat=True))
            self.fields["fixed_questions"].initial = current
            # A question retired since it was picked stays listed, so saving the
            # drill unchanged keeps it.
            field = self.fields["fixed_questions"]
            field.queryset = Question.objects.filter(
                Q(is_active=True) | Q(pk__in=current),
                owner_person__isnull=True,
                owner_unit__isnull=True,
            ).select_related("category")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selection") == "fixed" and not cleaned.get("fixed_questions"):
            self.add_error("fixed_questions", _("Pick the questions of a fixed-list drill."))
        return cleaned

    def save_fixed_questions(self, drill: Drill) -> None:
        """The questions kept stay in their order; the ones added follow."""
        chosen = list(self.cleaned_data.get("fixed_questions") or [])
        drill.drill_questions.exclude(question__in=chosen).delete()
        order = dict(drill.drill_questions.values_list("question_id", "position"))
        kept = sorted((q for q in chosen if q.pk in order), key=lambda q: order[q.pk])
        wanted = kept + [q for q in chosen if q.pk not in order]
        for position, question in enumerate(wanted):
            DrillQuestion.objects.update_or_create(
                drill=drill, question=question, defaults={"position": position}
            )
