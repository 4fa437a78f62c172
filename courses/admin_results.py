"""Admin > Business measures: the measures of business results (deposits, new
customers, visits) are data an administrator keeps. Only administrators get
in (the model permissions are theirs alone, courses/migrations/0013_results_permissions.py).
A measure with figures is not deleted, only taken out of use."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_delete import DeleteRefusedInUse
from .models import BusinessMeasure


class BusinessMeasureDeleteView(DeleteRefusedInUse):
    """Refuses to delete a measure that has figures, saying how many: they
    would go with it. Taking it out of use keeps them."""

    def get_usage_url(self):
        return None

    def refusal(self):
        count = self.object.figures.count()
        if not count:
            return None
        return ngettext(
            "The measure “%(name)s” has %(count)d figure, so it was not deleted. "
            "Untick “in use” to stop entering it.",
            "The measure “%(name)s” has %(count)d figures, so it was not deleted. "
            "Untick “in use” to stop entering it.",
            count,
        ) % {"name": self.object.name, "count": count}


class BusinessMeasureViewSet(ModelViewSet):
    model = BusinessMeasure
    icon = "table"
    menu_label = _("Business measures")
    menu_order = 330
    add_to_admin_menu = True
    delete_view_class = BusinessMeasureDeleteView
    form_fields = ["name", "code", "unit_label", "higher_is_better", "description", "is_active"]
    list_display = [
        "name",
        Column("code", label=_("Code")),
        Column("unit_label", label=_("Unit")),
        BooleanColumn("higher_is_better", label=_("Higher is better")),
        BooleanColumn("is_active", label=_("In use")),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    ordering = "name"
    list_per_page = 50
    copy_view_enabled = False
    add_to_reference_index = False


business_measure_viewset = BusinessMeasureViewSet("business_measures")
