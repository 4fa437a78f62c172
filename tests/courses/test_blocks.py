"""Lesson blocks that need more than Wagtail's own: the video."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model

from courses.blocks import VideoBlock

pytestmark = pytest.mark.django_db


def document(title, name, content=b"x"):
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))


def test_a_video_is_a_file_or_an_address_but_not_both_or_neither():
    block = VideoBlock()
    clip = document("開戶流程", "account.mp4")
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"file": clip.pk, "url": "https://video.intra/a.mp4"}))
    assert block.clean(block.to_python({"file": clip.pk}))["file"] == clip
    assert block.clean(block.to_python({"url": "https://video.intra/a.mp4"}))["url"]


def test_the_browser_plays_it_with_captions_and_a_fallback_link():
    block = VideoBlock()
    clip = document("開戶流程", "account.mp4")
    captions = document("字幕", "account.vtt", b"WEBVTT\n")
    html = block.render(
        block.to_python({"file": clip.pk, "captions": captions.pk, "title": "開戶流程示範"})
    )
    assert f'<video controls preload="metadata" playsinline src="{clip.url}"' in html
    assert f'<track kind="captions" src="{captions.url}"' in html
    assert f'<a href="{clip.url}">' in html and "<figcaption>開戶流程示範</figcaption>" in html
    html = block.render(block.to_python({"url": "https://video.intra/a.mp4"}))
    assert 'src="https://video.intra/a.mp4"' in html and "<track" not in html


def test_a_lesson_shows_its_video(client, trainee, course):
    lesson = course.get_children().first().specific
    clip = document("開戶流程", "account.mp4")
    lesson.body = [("video", {"file": clip, "url": "", "captions": None, "title": "示範"})]
    lesson.save_revision().publish()
    client.force_login(trainee.user)
    assert f'src="{clip.url}"' in client.get(lesson.url).content.decode()
