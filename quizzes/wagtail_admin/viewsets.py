"""Wagtail admin screens: topics, categories, questions (with versions) and drills."""

from collections import Counter

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from scopedadmin import ScopedModelViewSet
from treeforms import indented_name

from ..models import Category, Drill, FactTemplate, Question, QuestionSelection, Topic
from ..selectors.questions import questions_visible_to
from ..services import category_move, question_create, question_update
from .forms import CategoryForm, DrillForm, QuestionForm


class InUseDeleteView(generic.DeleteView):
    """What is still in use (a category or topic with questions, a question in a
    drill) is kept, with a message per kind of thing that uses it: how many,
    never which, since a territory question's name is not for everyone."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = Counter(type(used)._meta for used in error.protected_objects)
            for meta, count in kinds.items():
                messages.error(
                    self.request,
                    ngettext(
                        "“%(object)s” is used by %(count)d %(kind)s, so it was not deleted.",
                        "“%(object)s” is used by %(count)d %(kinds)s, so it was not deleted.",
                        count,
                    )
                    % {
                        "object": self.object,
                        "count": count,
                        "kind": meta.verbose_name,
                        "kinds": meta.verbose_name_plural,
                    },
                )
            return redirect(self.get_success_url())


class CategoryCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        category = Category(name=data["name"], description=data["description"])
        parent = data["parent"]
        return (
            parent.add_child(instance=category) if parent else Category.add_root(instance=category)
        )


class CategoryEditView(generic.EditView):
    def save_instance(self):
        category = self.form.save()
        return category_move(category=category, parent=self.form.cleaned_data["parent"])


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "folder-open-inverse"
    delete_view_class = InUseDeleteView
    menu_label = _("Question categories")
    add_view_class = CategoryCreateView
    edit_view_class = CategoryEditView
    list_display = [Column("name", label=_("Name"), accessor=indented_name)]
    ordering = ["path"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return CategoryForm


class RelatedIndexView(generic.IndexView):
    """A listing that reads the rows' related objects it shows in the same query."""

    related: tuple[str, ...] = ()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)


class TopicIndexView(RelatedIndexView):
    related = ("parent",)


class FactTemplateIndexView(RelatedIndexView):
    related = ("topic",)


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    index_view_class = TopicIndexView
    delete_view_class = InUseDeleteView
    menu_label = _("Topics")
    form_fields = ["name", "code", "parent", "description"]
    list_display = ["name", "code", "parent"]
    search_fields = ["name", "code"]
    copy_view_enabled = False
    add_to_reference_index = False


class QuestionSaveMixin:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class QuestionCreateView(QuestionSaveMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return question_create(
            category=data["category"],
            topic=data["topic"],
            qtype=data["qtype"],
            name=data["name"],
            stem=data["stem"],
            payload=data["payload"],
            general_feedback=data["general_feedback"] or "",
            difficulty=data["difficulty"],
            user=self.request.user,
        )


class QuestionEditView(QuestionSaveMixin, generic.EditView):
    def save_instance(self):
        question = self.form.save()
        data = self.form.cleaned_data
        question_update(
            question=question,
            stem=data["stem"],
            payload=data["payload"],
            general_feedback=data["general_feedback"] or "",
            user=self.request.user,
        )
        return question


class QuestionIndexView(RelatedIndexView):
    related = ("category", "topic")


class QuestionFilterSet(WagtailFilterSet):
    """The questions listing's filters; a category brings its subcategories
    along, as a drill drawing from it does (quizzes.selectors.drills)."""

    category = django_filters.ModelChoiceFilter(
        label=_("Category (with its subcategories)"),
        queryset=Category.objects.all(),
        method="in_category",
    )

    class Meta:
        model = Question
        fields = ["qtype", "topic", "is_active"]

    def in_category(self, queryset, name, value):
        return queryset.filter(category__path__startswith=value.path)


class QuestionViewSet(ScopedModelViewSet):
    """Every view of questions (listing, search, edit, delete, history, usage)
    sees only the questions the user may see: territory questions only for those
    who may see the fact sheet they come from (quizzes.selectors.questions)."""

    model = Question
    icon = "help"
    menu_label = _("Questions")
    scope = staticmethod(questions_visible_to)
    index_view_class = QuestionIndexView
    delete_view_class = InUseDeleteView
    add_view_class = QuestionCreateView
    edit_view_class = QuestionEditView
    list_display = ["name", "qtype", "category", "topic", "difficulty", "is_active"]
    filterset_class = QuestionFilterSet
    search_fields = ["name"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return QuestionForm


class DrillFormMixin:
    def save_instance(self):
        drill = super().save_instance()
        self.form.save_fixed_questions(drill)
        return drill


class DrillCreateView(DrillFormMixin, generic.CreateView):
    def get_initial(self):
        """?category=<id> (a finished question import links here) starts a drill
        drawing at random from that category."""
        initial = super().get_initial()
        text = self.request.GET.get("category", "")
        if text.isascii() and text.isdigit() and len(text) < 19:
            category = Category.objects.filter(pk=int(text)).first()
        else:
            category = None
        if category is not None:
            initial.update(selection=QuestionSelection.RANDOM, categories=[category.pk])
        return initial


class DrillEditView(DrillFormMixin, generic.EditView):
    pass


class DrillViewSet(ModelViewSet):
    model = Drill
    icon = "time"
    delete_view_class = InUseDeleteView
    menu_label = _("Drills")
    add_view_class = DrillCreateView
    edit_view_class = DrillEditView
    list_display = ["title", "selection", "pass_mark", "feedback", "is_active"]
    list_filter = ["selection", "is_active"]
    search_fields = ["title"]
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return DrillForm


class FactTemplateViewSet(ModelViewSet):
    """How territory fact sheets become questions: one template per attribute."""

    model = FactTemplate
    icon = "table"
    index_view_class = FactTemplateIndexView
    delete_view_class = InUseDeleteView
    menu_label = _("Fact question templates")
    form_fields = ["attribute", "kind", "stem", "tolerance", "tolerance_kind", "topic", "category"]
    list_display = ["attribute", "kind", "topic"]
    copy_view_enabled = False
    add_to_reference_index = False


class QuizzesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Drills")
    menu_icon = "time"
    menu_order = 300
    items = (
        DrillViewSet("drills"),
        QuestionViewSet("questions"),
        CategoryViewSet("question_categories"),
        TopicViewSet("topics"),
        FactTemplateViewSet("fact_templates"),
    )


quizzes_viewset_group = QuizzesViewSetGroup()
