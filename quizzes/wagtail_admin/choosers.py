"""A chooser for drills in the Wagtail admin, so lessons can embed one."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class DrillChooserViewSet(ChooserViewSet):
    model = "quizzes.Drill"
    icon = "time"
    choose_one_text = _("Choose a drill")
    choose_another_text = _("Choose another drill")
    edit_item_text = _("Edit this drill")
    form_fields = ["title", "selection", "question_count", "pass_mark"]


drill_chooser_viewset = DrillChooserViewSet("drill_chooser")
