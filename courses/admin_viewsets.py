"""Wagtail admin screens for courses: the managed list of risk factors that risk
case reviews choose from (risk experts and administrators keep it)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models.functions import Trim
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_delete import DeleteRefusedInUse
from .models import RiskFactor
from .selectors.risk import risk_factor_review_count, risk_factors_with_counts

DUPLICATE_NAME = _("A risk factor with this name already exists.")


class RiskFactorForm(WagtailAdminModelForm):
    """Names are compared after trimming spaces (the field strips them), so
    「行業風險 」 clashes with 「行業風險」 as a located error on the name."""

    class Meta:
        model = RiskFactor
        fields = ["name", "description"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        clashes = RiskFactor.objects.annotate(trimmed=Trim("name")).filter(trimmed=name)
        if self.instance.pk:
            clashes = clashes.exclude(pk=self.instance.pk)
        if clashes.exists():
            raise ValidationError(DUPLICATE_NAME, code="unique")
        return name


class RiskFactorSaveMixin:
    """A name taken between the check and the save (two people at once) is
    still a form error on the name, not a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            form.add_error("name", DUPLICATE_NAME)
            return self.form_invalid(form)


class RiskFactorCreateView(RiskFactorSaveMixin, generic.CreateView):
    pass


class RiskFactorEditView(RiskFactorSaveMixin, generic.EditView):
    def get_usage_url(self):
        return None  # Wagtail's reference index does not see the reviews' many-to-many


class RiskFactorIndexView(generic.IndexView):
    def get_base_queryset(self):
        return risk_factors_with_counts(super().get_base_queryset(), user=self.request.user)


class RiskFactorDeleteView(DeleteRefusedInUse):
    """Refuses to delete a factor that reviews use, saying how many: deleting
    it would silently strip it from them."""

    def get_usage_url(self):
        return None  # the reference index does not see the reviews; refusal() counts them

    def refusal(self):
        count, unreadable = risk_factor_review_count(self.object, user=self.request.user)
        if not count and not unreadable:
            return None
        if not count:  # only reviews this user may not read: no number, no names
            return _(
                "The risk factor “%(name)s” is used by risk case reviews, so it was not "
                "deleted. A risk expert can remove it from them."
            ) % {"name": self.object.name}
        return ngettext(
            "The risk factor “%(name)s” is used by %(count)d risk case review, so it was "
            "not deleted. Remove it from that review first.",
            "The risk factor “%(name)s” is used by %(count)d risk case reviews, so it was "
            "not deleted. Remove it from those reviews first.",
            count,
        ) % {"name": self.object.name, "count": count}


class RiskFactorViewSet(ModelViewSet):
    model = RiskFactor
    icon = "warning"
    menu_label = _("Risk factors")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = RiskFactorIndexView
    add_view_class = RiskFactorCreateView
    edit_view_class = RiskFactorEditView
    delete_view_class = RiskFactorDeleteView
    list_display = [
        "name",
        Column(
            "description",
            label=_("Description"),
            accessor=lambda factor: Truncator(factor.description).chars(80),
        ),
        Column("review_count", label=_("Used by risk case reviews"), sort_key="review_count"),
    ]
    search_fields = ["name"]
    ordering = "name"
    list_per_page = 50
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return RiskFactorForm


risk_factor_viewset = RiskFactorViewSet("risk_factors")
