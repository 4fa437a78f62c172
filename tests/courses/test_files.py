"""Documents and images follow the pages that use them: per role, for every block
that can hold a file (document, video with captions, image, a link or an image
written in Markdown), and for a restricted risk review's attachment."""

import io
import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from people.roles import Role
from tests.courses.conftest import risk_review
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ROLES = ["trainee", "trainer", "risk_expert", "manager", "administrator", "anonymous"]
STAFF = {"trainee", "trainer", "risk_expert", "manager", "administrator"}
RESTRICTED_READERS = {"risk_expert", "manager"}  # courses.levels.LEVEL_ROLES
CONFIDENTIAL_READERS = {"trainee", "trainer", "risk_expert", "manager"}


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Files on a real disk, as in production (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def people(org):
    unit = org["pudong_team"]
    made = {
        role: PersonFactory(unit=unit, user__roles=[Role(role)])
        for role in ["trainee", "trainer", "risk_expert", "manager", "administrator"]
    }
    made["manager"].managed_units.add(unit)
    return made


def client_for(people, role):
    client = Client()
    if role != "anonymous":
        client.force_login(people[role].user)
    return client


def statuses(people, url):
    return {role: client_for(people, role).get(url).status_code for role in ROLES}


def expect(allowed):
    return {role: 200 if role in allowed else 404 for role in ROLES}


def make_document(title, name, content=b"%PDF-1.4 lianbing"):
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))


def png_bytes(colour="red"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(title, name):
    return get_image_model().objects.create(
        title=title, file=ContentFile(png_bytes(), name=name), width=40, height=30
    )


def lesson_with(course, body):
    lesson = course.get_children().first().specific
    lesson.body = body
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def media_sources(html):
    return re.findall(r'src="(/media/[^"]+)"', html)


# --- Lessons: every block that holds a file ---------------------------------------------


def test_document_block_goes_to_staff_and_not_to_visitors(course, people):
    report = make_document("授信報告", "report.pdf")
    lesson_with(course, [("document", report)])
    assert statuses(people, report.url) == expect(STAFF)


def test_video_block_file_and_captions_go_to_staff_only(course, people):
    clip = make_document("開戶流程", "account.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = make_document("字幕", "account.vtt", b"WEBVTT\n")
    lesson_with(
        course,
        [("video", {"file": clip, "url": "", "captions": captions, "title": "示範"})],
    )
    assert statuses(people, clip.url) == expect(STAFF)
    assert statuses(people, captions.url) == expect(STAFF)


def test_image_block_original_and_rendition_go_to_staff_only(course, people):
    picture = make_image("流程圖", "flow.png")
    lesson = lesson_with(course, [("image", picture)])
    html = client_for(people, "trainee").get(lesson.url).content.decode()
    [rendition_url] = media_sources(html)
    assert statuses(people, rendition_url) == expect(STAFF)
    assert statuses(people, picture.file.url) == expect(STAFF)


def test_links_and_images_written_in_markdown_go_to_staff_only(course, people):
    report = make_document("盡職調查指引", "guide.pdf")
    picture = make_image("現金流", "cashflow.png")
    lesson_with(
        course,
        [("markdown", f"請先讀[指引]({report.url})。\n\n![現金流]({picture.file.url})")],
    )
    assert statuses(people, report.url) == expect(STAFF)
    assert statuses(people, picture.file.url) == expect(STAFF)


def test_markdown_in_discussion_blocks_cases_and_decision_points_counts(
    catalogue, course, case, people
):
    """A file the open catalogue shows reaches visitors, until a staff-only page's
    Markdown links it too, wherever that Markdown sits: a discussion block, a
    case's text, a decision point."""
    from courses.models import DecisionPoint

    files = [make_document(f"附件{n}", f"attachment-{n}.pdf") for n in range(3)]
    catalogue.intro = "\n".join(f"[附件]({document.url})" for document in files)
    catalogue.save_revision().publish()
    assert statuses(people, files[0].url) == expect(STAFF | {"anonymous"})
    lesson_with(course, [("discussion", {"question": f"讀[附件]({files[0].url})後討論"})])
    case.lessons_learned = f"參見[附件]({files[1].url})"
    points = list(case.decision_points.all())
    points[0].expert_answer = f"參見[附件]({files[2].url})"
    case.decision_points = points
    case.save_revision().publish()
    assert files[2].url in DecisionPoint.objects.get(page=case).expert_answer
    for document in files:
        assert statuses(people, document.url) == expect(STAFF)


def test_a_risk_review_upload_linked_from_a_lesson_stays_with_its_managers(course, people):
    """Trainers cannot choose risk review files; writing one's address into a
    lesson does not hand it to the lesson's readers either."""
    from wagtail.models import Collection

    upload = make_document("授信申請書", "application.pdf")
    upload.collection = Collection.objects.get(name="Risk review files")
    upload.save()
    lesson_with(course, [("markdown", f"[申請書]({upload.url})")])
    assert statuses(people, upload.url) == expect({"risk_expert", "administrator"})


def test_a_file_in_a_lesson_and_a_restricted_review_follows_the_review(course, reviews, people):
    shared = make_document("關聯交易清單", "related.pdf")
    lesson_with(course, [("document", shared)])
    reviews["restricted"].rationale = f"見[清單]({shared.url})"
    reviews["restricted"].save_revision().publish()
    assert statuses(people, shared.url) == expect(RESTRICTED_READERS)


# --- Risk case reviews --------------------------------------------------------------------


def test_restricted_review_attachment_goes_only_to_its_readers(reviews, people):
    attachment = make_document("授信申請書", "application.pdf")
    scan = make_image("抵押物照片", "collateral.png")
    restricted = reviews["restricted"]
    restricted.application_summary = (
        f"申請書見[附件]({attachment.url})。\n\n![抵押物]({scan.file.url})"
    )
    restricted.save_revision().publish()
    assert statuses(people, attachment.url) == expect(RESTRICTED_READERS)
    assert statuses(people, scan.file.url) == expect(RESTRICTED_READERS)
    rendition = scan.get_rendition("width-100")
    assert statuses(people, rendition.url) == expect(RESTRICTED_READERS)


def test_restricted_review_attachment_by_trainee_trainer_and_visitor(reviews, people):
    attachment = make_document("關聯方名單", "parties.pdf")
    restricted = reviews["restricted"]
    restricted.later_notes = f"[關聯方名單]({attachment.url})"
    restricted.save_revision().publish()
    assert client_for(people, "trainee").get(attachment.url).status_code == 404
    assert client_for(people, "trainer").get(attachment.url).status_code == 404
    assert client_for(people, "anonymous").get(attachment.url).status_code == 404
    response = client_for(people, "risk_expert").get(attachment.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lianbing"


def test_confidential_review_attachment_goes_to_its_readers(reviews, people):
    attachment = make_document("授信報告", "confidential.pdf")
    confidential = reviews["confidential"]
    confidential.risk_manager_view = f"[報告]({attachment.url})"
    confidential.save_revision().publish()
    assert statuses(people, attachment.url) == expect(CONFIDENTIAL_READERS)


def test_a_draft_review_attachment_follows_the_draft(reviews, people):
    """A review saved but not yet published keeps its level for its files."""
    attachment = make_document("草稿附件", "draft.pdf")
    draft = risk_review(
        reviews["course"],
        "草稿案例",
        "draft-case",
        "restricted",
        rationale=f"[附件]({attachment.url})",
    )
    draft.unpublish()
    assert statuses(people, attachment.url) == expect(RESTRICTED_READERS)


def test_a_link_in_a_draft_of_a_restricted_review_follows_the_review(reviews, people):
    """A draft waiting for approval already holds the file back from those who
    may not read the review."""
    notes = make_document("關聯方說明", "notes.pdf")
    restricted = reviews["restricted"]
    restricted.mitigants = f"[說明]({notes.url})"
    restricted.save_revision()  # not published
    assert statuses(people, notes.url) == expect(RESTRICTED_READERS)


def test_an_image_on_the_open_catalogue_goes_to_visitors_too(catalogue, people):
    banner = make_image("課程目錄橫幅", "banner.png")
    catalogue.intro = f"![橫幅]({banner.file.url})"
    catalogue.save_revision().publish()
    assert statuses(people, banner.file.url) == expect(STAFF | {"anonymous"})


# --- Files no page uses, and addresses that are no file -----------------------------------


def test_a_file_no_page_uses_needs_a_signed_in_person(people):
    loose = make_document("通知", "notice.pdf")
    picture = make_image("標誌", "logo.png")
    assert statuses(people, loose.url) == expect(STAFF)
    assert statuses(people, picture.file.url) == expect(STAFF)


def test_only_images_are_served_under_media(people):
    report = make_document("授信報告", "report.pdf")
    picture = make_image("標誌", "logo.png")
    client = client_for(people, "administrator")
    assert client.get(picture.file.url).status_code == 200
    assert client.get(f"/media/{report.file.name}").status_code == 404
    assert client.get("/media/original_images/nothing.png").status_code == 404
    assert client.get("/media/../../etc/passwd").status_code == 404


def test_served_files_are_private_to_caches(course, people):
    report = make_document("授信報告", "report.pdf")
    picture = make_image("流程圖", "flow.png")
    lesson_with(course, [("document", report), ("image", picture)])
    client = client_for(people, "trainee")
    for url in (report.url, picture.file.url):
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"


# --- Handing files over ------------------------------------------------------------------


def test_django_streams_the_file_after_the_check(course, people):
    report = make_document("授信報告", "report.pdf", b"%PDF-1.4 streamed")
    picture = make_image("流程圖", "flow.png")
    lesson_with(course, [("document", report), ("image", picture)])
    client = client_for(people, "trainee")
    response = client.get(report.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 streamed"
    response = client.get(picture.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()


def test_nginx_hands_the_file_over_after_the_check(settings, course, people):
    settings.COURSES_FILE_DELIVERY = "x-accel-redirect"
    settings.COURSES_FILE_DELIVERY_INTERNAL_PREFIX = "/protected-media/"
    report = make_document("授信報告", "報告.pdf")
    picture = make_image("流程圖", "flow.png")
    lesson_with(course, [("document", report), ("image", picture)])
    client = client_for(people, "trainee")
    response = client.get(report.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(report.file.name)
    assert response.content == b""
    response = client.get(picture.file.url)
    assert response["X-Accel-Redirect"] == f"/protected-media/{picture.file.name}"
    assert response["Content-Type"] == "image/png"
    refused = Client().get(picture.file.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_x_sendfile_hands_the_file_over_after_the_check(settings, course, people, media_on_disk):
    settings.COURSES_FILE_DELIVERY = "x-sendfile"
    report = make_document("授信報告", "report.pdf")
    lesson_with(course, [("document", report)])
    response = client_for(people, "trainee").get(report.url)
    assert response.status_code == 200
    assert response["X-Sendfile"] == str(media_on_disk / report.file.name)
    assert response.content == b""
    refused = Client().get(report.url)
    assert refused.status_code == 404 and "X-Sendfile" not in refused


def test_a_host_that_would_serve_documents_unchecked_is_told(settings):
    from courses.checks import check_files_are_served_after_the_check

    assert check_files_are_served_after_the_check(None) == []
    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    settings.COURSES_FILE_DELIVERY = "nginx"
    ids = {message.id for message in check_files_are_served_after_the_check(None)}
    assert ids == {"courses.E002", "courses.E003"}


# --- Page rendering stays cheap -----------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_a_lesson_with_images_costs_no_query_per_image(
    course, people, count, django_assert_max_num_queries
):
    pictures = [make_image(f"圖{n}", f"picture-{n}.png") for n in range(count)]
    lesson = lesson_with(course, [("image", p) for p in pictures])
    client = client_for(people, "trainee")
    client.get(lesson.url)  # renditions are made on the first view
    with django_assert_max_num_queries(24):
        response = client.get(lesson.url)
    assert response.status_code == 200
    sources = media_sources(response.content.decode())
    assert len(sources) == count
    assert client.get(sources[-1]).status_code == 200
    assert Client().get(sources[-1]).status_code == 404


@pytest.mark.parametrize("lessons", [1, 10])
def test_a_file_costs_the_same_queries_whatever_number_of_pages_use_it(
    course, reviews, people, lessons, django_assert_max_num_queries
):
    from tests.courses.conftest import lesson

    picture = make_image("流程圖", "flow.png")
    for n in range(lessons):
        page = lesson(course, 10 + n)
        page.body = [("image", picture), ("markdown", f"![圖]({picture.file.url})")]
        page.save_revision().publish()
    client = client_for(people, "trainee")
    client.get("/")  # the session and the user are loaded once, as on any visit
    with django_assert_max_num_queries(20):
        response = client.get(picture.file.url)
    assert response.status_code == 200
    assert Client().get(picture.file.url).status_code == 404
