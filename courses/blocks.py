"""StreamField blocks of lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from markup.blocks import MarkdownBlock
from quizzes.blocks import DrillBlock


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Point")), label=_("Key points"))

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "courses/blocks/key_points.html"


class DiscussionBlock(blocks.StructBlock):
    question = MarkdownBlock(label=_("Discussion question"), rows=4)

    class Meta:
        icon = "group"
        label = _("Discussion question")
        template = "courses/blocks/discussion.html"


class LessonStreamBlock(blocks.StreamBlock):
    markdown = MarkdownBlock(label=_("Text (Markdown)"))
    image = ImageChooserBlock(label=_("Image"), template="courses/blocks/image.html")
    video = EmbedBlock(
        label=_("Video"), help_text=_("A video link from the site's own video service.")
    )
    document = DocumentChooserBlock(label=_("Document"), template="courses/blocks/document.html")
    key_points = KeyPointsBlock()
    discussion = DiscussionBlock()
    drill = DrillBlock()
