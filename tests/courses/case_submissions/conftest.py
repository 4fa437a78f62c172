import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from courses.services.case_submissions import submission_create, submission_submit

ROLES = [
    "author",
    "other_trainee",
    "manager",
    "other_manager",
    "trainer",
    "administrator",
    "anonymous",
]


@pytest.fixture
def author(trainee):
    return trainee


@pytest.fixture
def people(author, other_trainee, manager, other_manager, trainer, administrator):
    return {
        "author": author,
        "other_trainee": other_trainee,
        "manager": manager,
        "other_manager": other_manager,
        "trainer": trainer,
        "administrator": administrator,
    }


def client_for(people, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people[role].user)
    return client


TEXTS = {
    "title": "某連鎖超市的收單拓展",
    "outcome": "success",
    "client_profile": "某連鎖超市，門店**三十家**。",
    "what_was_done": "走訪財務總監，提出收單與代發方案。",
    "how_it_went": "三個月後簽約。",
    "lessons_learned": "先懂客戶的現金流。",
}


def case_make(author, *, submit=True, now=None, attachments=(), **values):
    submission = submission_create(
        by=author.user, author=author, attachments=attachments, **{**TEXTS, **values}
    )
    if submit:
        submission_submit(by=author.user, submission=submission, now=now)
    return submission


def pdf(name="方案.pdf", content=b"%PDF-1.4 case"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Files on a real disk, as in production (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path
