"""scopedadmin gives every view of a viewset its scope, or refuses to build a
view it does not know how to scope. Choosers are scoped like listings: a
question chooser built on it lists and returns only the questions in scope."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory
from django.views import View
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.ordering import ReorderView

from people.roles import Role
from quizzes.models import Question
from scopedadmin import ScopedChooserViewSet, ScopedModelViewSet, scoped_view_class
from tests.factories import PersonFactory, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(org):
    owner = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    shared = question_make(name="一年期定存")
    owned = question_make(name="華夏貿易 · 存款", owner_person=owner)
    return {"shared": shared, "owned": owned}


def only_shared(user):
    return Question.objects.filter(owner_person=None, owner_unit=None)


def view_of(view_class, user, **attributes):
    view = scoped_view_class(view_class, only_shared)()
    view.request = RequestFactory().get("/")
    view.request.user = user
    view.kwargs, view.args = {}, ()
    for name, value in attributes.items():
        setattr(view, name, value)
    return view


def test_a_chooser_lists_and_returns_only_the_scope(questions, trainee):
    choose = view_of(chooser_views.ChooseView, trainee.user, model=Question)
    assert set(choose.get_object_list()) == {questions["shared"]}
    chosen = view_of(chooser_views.ChosenView, trainee.user, model=Question)
    assert chosen.get_object(questions["shared"].pk) == questions["shared"]
    with pytest.raises(Http404):
        chosen.get_object(questions["owned"].pk)
    several = view_of(chooser_views.ChosenMultipleView, trainee.user, model=Question)
    pks = [questions["shared"].pk, questions["owned"].pk]
    assert set(several.get_objects(pks)) == {questions["shared"]}


def test_object_views_find_only_the_scope(questions, trainee):
    for view_class in (generic.InspectView, generic.CopyView):
        for kind, found in questions.items():
            view = view_of(view_class, trainee.user, model=Question, pk=found.pk)
            view.kwargs = {"pk": found.pk}
            view.permission_policy = None
            if kind == "shared":
                assert view.get_object() == found
            else:
                with pytest.raises(Http404):
                    view.get_object()


def test_views_it_cannot_scope_are_refused():
    with pytest.raises(ImproperlyConfigured):
        scoped_view_class(ReorderView, only_shared)
    with pytest.raises(ImproperlyConfigured):
        scoped_view_class(View, only_shared)
    # A create view looks nothing up, and a scoped class is not scoped twice.
    assert issubclass(scoped_view_class(generic.CreateView, only_shared), generic.CreateView)
    scoped = scoped_view_class(generic.EditView, only_shared)
    assert scoped_view_class(scoped, only_shared) is scoped


def test_a_viewset_without_a_scope_is_refused():
    class Unscoped(ScopedModelViewSet):
        model = Question

    with pytest.raises(ImproperlyConfigured):
        Unscoped("unscoped").index_view  # noqa: B018

    class Chooser(ScopedChooserViewSet):
        model = Question
        scope = staticmethod(only_shared)

    assert Chooser("question_chooser").choose_view is not None
