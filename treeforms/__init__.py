"""Editing the shape of a tree (a django-treebeard `MP_Node` model) through a form.

Shared by the admin forms of the organisation tree (people) and of the question
categories (quizzes): a parent field that lists every node in tree order,
indented by depth, and is left empty for the top level; on edit, the current
parent as its initial value, a move under the node itself refused on that field,
and then a move to the parent chosen. Messages and labels are the apps' own, so
that each is translated in its app's catalog; this package has none.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction


def indented_name(node) -> str:
    """The node's name behind one dash for each level below the top."""
    return "— " * (node.depth - 1) + node.name


def moves_under_itself(node, parent) -> bool:
    """Whether putting `node` under `parent` would put it under itself: `parent`
    is the node or one of its descendants. A node not yet saved has none."""
    return (
        parent is not None
        and node.pk is not None
        and (parent.pk == node.pk or parent.is_descendant_of(node))
    )


@transaction.atomic
def node_move(*, node, parent, under_itself: str):
    """Put `node` and its subtree under `parent`, or at the top level when
    `parent` is None; nothing happens when it is there already. A move under
    itself is refused with `under_itself`, the app's message, on the parent."""
    if moves_under_itself(node, parent):
        raise ValidationError({"parent": under_itself})
    current = node.get_parent()
    if (current and current.pk) == (parent and parent.pk):
        return node
    ordered = bool(node.node_order_by)
    if parent is None:
        node.move(type(node).get_first_root_node(), "sorted-sibling" if ordered else "last-sibling")
    else:
        node.move(parent, "sorted-child" if ordered else "last-child")
    node.refresh_from_db()
    return node


class ParentChoiceField(forms.ModelChoiceField):
    """Every node of `model`'s tree in tree order, indented; empty for the top level."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=model.objects.order_by("path"), **kwargs)

    def label_from_instance(self, obj):
        return indented_name(obj)


class ParentFormMixin:
    """For the model form of a tree node that declares `parent = ParentChoiceField(...)`.
    On edit the field starts at the node's parent, and a parent that is the node
    or below it is refused on the field with `under_itself`, the app's message."""

    under_itself = None  # a translated message, set by the form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if moves_under_itself(self.instance, parent):
            raise forms.ValidationError(self.under_itself, code="under_itself")
        return parent
