"""A programme with a signature, its trainer, and certificates of it; the
people of tests/conftest.py (a trainee and the manager of their sub-branch)."""

import io
from datetime import date, timedelta

import factory
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from courses.models import Certificate, CertificationProgramme
from tests.factories import PersonFactory

HOLDER_NAME = "王小明"
PROGRAMME_NAME = "反洗錢資格認證"


@pytest.fixture(autouse=True)
def _verification_url(settings):
    settings.ROOT_URLCONF = "tests.courses.certificate_print.urls"


def signature_image():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (600, 200), (0, 0, 80, 255)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="簽名",
        file=ContentFile(buffer.getvalue(), name="signature.png"),
        width=600,
        height=200,
    )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationProgramme
        skip_postgeneration_save = True

    name = PROGRAMME_NAME
    code = factory.Sequence(lambda n: f"aml-{n}")
    validity_months = 24
    template = "classic"
    signatory_name = "李大華"
    signatory_title = "培訓中心主任"

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.add(*extracted)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    programme = factory.SubFactory(ProgrammeFactory)
    person = factory.SubFactory(PersonFactory)
    code = factory.Sequence(lambda n: f"ABCD{n:04d}EFGH")
    holder_name = HOLDER_NAME
    language = "zh-hant"
    issued_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    expires_on = factory.LazyFunction(lambda: date.today() + timedelta(days=700))


@pytest.fixture
def programme(trainer):
    return ProgrammeFactory(trainers=[trainer.user], signature_image=signature_image())


@pytest.fixture
def certificate(programme, trainee):
    return CertificateFactory(programme=programme, person=trainee, holder_name=HOLDER_NAME)


def print_urls(code):
    """The doors of a certificate to print."""
    from django.urls import reverse

    return {
        "print": reverse("courses:certificate_print", args=[code]),
        "pdf": reverse("courses:certificate_pdf", args=[code]),
        "font.css": reverse("courses:certificate_font_css", args=[code]),
        "font": reverse("courses:certificate_font", args=[code]),
    }
