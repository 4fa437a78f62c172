"""Wagtail admin viewsets that show each signed-in person only what they may see.

A `ScopedModelViewSet` (or `ScopedChooserViewSet`) has `scope`, a function of
the user that returns the queryset of the objects that user may see; the apps
pass their own selectors (people.selectors and the like), so this package knows
no app and decides nothing itself.

Every view a viewset builds goes through `construct_view`, where it gets the
scope: listings (and with them their search and exports) and choosers list
only the scope; every view that looks an object up by the id in its URL (edit,
delete, history, usage, inspect, copy, chosen, ...) finds it only within the
scope, so an id out of scope answers 404, for reading and for writing alike.
The lookup is checked after the view's own lookup, never instead of it: a
history or usage view keeps its own listing of log entries or references.

A view class this package does not know how to scope stops the viewset from
being built (ImproperlyConfigured), so a new kind of view cannot open a door
unnoticed.
"""

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic import models as model_views
from wagtail.admin.views.generic.ordering import ReorderView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet


class ScopeMixin:
    """What every scoped view shares: `scope(user)`, set by `scoped_view_class`."""

    scope = None

    def scoped_queryset(self):
        return self.scope(self.request.user)


class ScopedObjectMixin(ScopeMixin):
    """The object the view found, only if it lies in the user's scope."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if found is None:  # a create view has no object
            return found
        if not self.scoped_queryset().filter(pk=found.pk).exists():
            raise Http404
        return found


class ScopedIndexMixin(ScopeMixin):
    """The listing (its search, filters and exports too) within the scope. The
    view's own base queryset (annotations, select_related) is kept."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=self.scoped_queryset().values("pk"))


class ScopedChooseMixin(ScopeMixin):
    def get_object_list(self):
        return super().get_object_list().filter(pk__in=self.scoped_queryset().values("pk"))


class ScopedChosenMultipleMixin(ScopeMixin):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(pk__in=self.scoped_queryset().values("pk"))


# Views that look no object up and list nothing: nothing to scope.
UNSCOPED_VIEWS = (model_views.CreateView, chooser_views.CreateViewMixin)


def scoped_view_class(view_class, scope):
    """A subclass of `view_class` that sees only `scope(user)`."""
    if issubclass(view_class, ScopeMixin):
        return view_class
    if issubclass(view_class, ReorderView):
        raise ImproperlyConfigured(
            f"{view_class.__name__}: reordering looks objects up by itself and cannot be scoped."
        )
    mixins = []
    if issubclass(view_class, model_views.IndexView):
        mixins.append(ScopedIndexMixin)
    if issubclass(view_class, chooser_views.BaseChooseView):
        mixins.append(ScopedChooseMixin)
    if issubclass(view_class, chooser_views.ChosenMultipleViewMixin):
        mixins.append(ScopedChosenMultipleMixin)
    if hasattr(view_class, "get_object"):
        mixins.append(ScopedObjectMixin)
    if not mixins:
        if issubclass(view_class, UNSCOPED_VIEWS):
            return view_class
        raise ImproperlyConfigured(
            f"{view_class.__name__} neither lists nor looks up objects in a way that "
            "scopedadmin knows how to scope."
        )
    return type(
        f"Scoped{view_class.__name__}",
        (*mixins, view_class),
        {"scope": staticmethod(scope), "__module__": view_class.__module__},
    )


class ScopedViewSetMixin:
    """Gives every view the viewset builds its scope. `scope` is a staticmethod
    (user) -> QuerySet in subclasses."""

    scope = None

    def construct_view(self, view_class, **kwargs):
        if self.scope is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a scope.")
        return super().construct_view(scoped_view_class(view_class, self.scope), **kwargs)


class ScopedModelViewSet(ScopedViewSetMixin, ModelViewSet):
    """A ModelViewSet whose every view sees only `scope(user)`."""


class ScopedChooserViewSet(ScopedViewSetMixin, ChooserViewSet):
    """A ChooserViewSet whose every view sees only `scope(user)`."""
