"""StreamField blocks of lessons."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
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


class VideoBlock(blocks.StructBlock):
    """A video the site or the intranet's own video service serves, played by the
    browser itself: no outside player, no look-up on the internet."""

    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An MP4 or WebM file in Documents.")
    )
    url = blocks.URLBlock(
        label=_("Or the video's address"),
        required=False,
        help_text=_("An MP4 or WebM address on the intranet's video service."),
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"), required=False, help_text=_("A .vtt file in Documents.")
    )
    title = blocks.CharBlock(label=_("Title under the video"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(_("Choose a video file or give its address: one.")),
                }
            )
        return value


class LessonStreamBlock(blocks.StreamBlock):
    markdown = MarkdownBlock(label=_("Text (Markdown)"))
    image = ImageChooserBlock(label=_("Image"), template="courses/blocks/image.html")
    video = VideoBlock()
    document = DocumentChooserBlock(label=_("Document"), template="courses/blocks/document.html")
    key_points = KeyPointsBlock()
    discussion = DiscussionBlock()
    drill = DrillBlock()
