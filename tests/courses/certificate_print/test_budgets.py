"""Query budgets of the print page, the PDF and the font at two sizes: a
programme with few and with many certificates, the reader a manager of many
people. The count must not grow with them."""

import pytest

from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

from .conftest import CertificateFactory, print_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("door,budget", [("print", 11), ("pdf", 6), ("font.css", 5), ("font", 5)])
def test_the_count_does_not_grow_with_the_programme(
    client, org, certificate, manager, door, budget, django_assert_max_num_queries
):
    client.force_login(manager.user)
    url = print_urls(certificate.code)[door]
    counts = []
    for size in (1, 25):
        while certificate.programme.certificates.count() < size:
            CertificateFactory(
                programme=certificate.programme,
                person=PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]),
            )
        counts.append(queries_of(client, url, budget, django_assert_max_num_queries))
    assert counts[0] == counts[1]
