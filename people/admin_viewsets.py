"""Wagtail admin screens for the organisation tree and people."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from scopedadmin import ScopedModelViewSet
from treeforms import ParentChoiceField, ParentFormMixin, indented_name

from .models import OrgUnit, Person
from .selectors import people_managed_by, units_visible_to
from .services import (
    org_unit_create,
    org_unit_delete,
    org_unit_move,
    person_create,
    person_scope_after_edit,
)


class OrgUnitForm(ParentFormMixin, WagtailAdminModelForm):
    parent = ParentChoiceField(
        OrgUnit,
        label=_("Parent unit"),
        help_text=_("Leave empty for a top-level unit such as the head office."),
    )
    under_itself = _("A unit cannot be moved under itself.")

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "kind"]


class OrgUnitCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return org_unit_create(
            name=data["name"], code=data["code"], kind=data["kind"], parent=data["parent"]
        )


class OrgUnitEditView(generic.EditView):
    def save_instance(self):
        unit = self.form.save()
        return org_unit_move(unit=unit, parent=self.form.cleaned_data["parent"])


class OrgUnitDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            org_unit_delete(unit=self.object)
        except ValidationError as error:
            for message in error.messages:  # one sentence each: never joined with a space
                messages.error(self.request, message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class PersonDeleteView(generic.DeleteView):
    """A person other records must keep (a mentoring pair, say: PROTECT) stays,
    with a message naming the kinds of records, never which ones."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted(
                {str(type(used)._meta.verbose_name_plural) for used in error.protected_objects}
            )
            messages.error(
                self.request,
                _("“%(person)s” is still part of %(kinds)s, so they were not deleted.")
                % {"person": self.object, "kinds": ", ".join(kinds)},
            )
            return redirect(self.get_success_url())


class PersonCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def save_instance(self):
        return person_create(
            person=self.form.save(commit=False),
            managed_units=self.form.cleaned_data["managed_units"],
        )


class PersonEditView(generic.EditView):
    """Saves through people.services.person_scope_after_edit, so that a move to another
    unit ends what the person managed before it, in the same transaction."""

    def save_instance(self):
        previous_unit_id = (
            Person.objects.filter(pk=self.object.pk).values_list("unit_id", flat=True).first()
        )
        previous_managed = set(self.object.managed_units.values_list("pk", flat=True))
        person = super().save_instance()
        person_scope_after_edit(
            person=person,
            previous_unit_id=previous_unit_id,
            previous_managed_ids=previous_managed,
        )
        return person


class PersonIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


class OrgUnitViewSet(ScopedModelViewSet):
    model = OrgUnit
    icon = "site"
    menu_label = _("Organisation")
    scope = staticmethod(lambda user: units_visible_to(user).order_by("path"))
    add_view_class = OrgUnitCreateView
    edit_view_class = OrgUnitEditView
    delete_view_class = OrgUnitDeleteView
    list_display = [
        Column("indented_name", label=_("Name"), accessor=indented_name),
        "code",
        "kind",
    ]
    search_fields = ["name", "code"]
    ordering = ["path"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return OrgUnitForm


class PersonViewSet(ScopedModelViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    scope = staticmethod(people_managed_by)
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    delete_view_class = PersonDeleteView
    form_fields = [
        "employee_id",
        "name",
        "unit",
        "position",
        "hire_date",
        "grade",
        "guidance_type",
        "managed_units",
    ]
    list_display = ["employee_id", "name", "unit", "position", "grade"]
    list_filter = ["grade", "guidance_type"]
    search_fields = ["employee_id", "name", "position"]
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = PersonIndexView  # the unit of each row in the same query


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 900
    items = (OrgUnitViewSet("org_units"), PersonViewSet("staff"))


people_viewset_group = PeopleViewSetGroup()
