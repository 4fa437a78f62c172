"""StreamField blocks of the quizzes app: a lesson can embed a drill."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .wagtail_admin.choosers import drill_chooser_viewset

DrillChooserBlock = drill_chooser_viewset.get_block_class(
    name="DrillChooserBlock", module_path="quizzes.blocks"
)


class DrillBlock(blocks.StructBlock):
    """A drill inside a lesson: a short introduction and a button that starts it."""

    drill = DrillChooserBlock(label=_("Drill"))
    introduction = blocks.CharBlock(
        label=_("Introduction"), required=False, help_text=_("One line shown above the button.")
    )

    class Meta:
        icon = "time"
        label = _("Drill")
        template = "quizzes/blocks/drill.html"
