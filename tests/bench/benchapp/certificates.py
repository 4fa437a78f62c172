"""The verification scenario's certificates: a programme and COUNT holders with
one certificate each, every tenth revoked and every tenth expired, made once
(bench_setup reuses them) and listed by code for the driver."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from courses.certificate_codes import code_new
from courses.models import Certificate, CertificationProgramme
from people.models import OrgUnit, Person

COUNT = 1000
PROGRAMME_CODE = "bench-verify"


def certificates_ensure(team: OrgUnit, count: int = COUNT) -> list[str]:
    """The codes of the scenario's certificates, making those that are missing."""
    programme, _ = CertificationProgramme.objects.get_or_create(
        code=PROGRAMME_CODE, defaults={"name": "壓測資格認證", "validity_months": 24}
    )
    have = Certificate.objects.filter(programme=programme).count()
    if have < count:
        now = timezone.now()
        today = timezone.localdate()
        # Holders who never sign in: a user each (a person has one), no password.
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-verify-{n:05d}", password=UNUSABLE_PASSWORD_PREFIX)
            for n in range(have, count)
        )
        holders = Person.objects.bulk_create(
            Person(user=user, employee_id=f"BV{n:05d}", name=f"持證人{n:05d}", unit=team)
            for n, user in enumerate(users, start=have)
        )
        Certificate.objects.bulk_create(
            Certificate(
                programme=programme,
                person=holder,
                code=code_new(),
                holder_name=holder.name,
                language="zh-hant",
                issued_at=now - datetime.timedelta(days=400),
                expires_on=today - datetime.timedelta(days=10)
                if n % 10 == 1
                else today + datetime.timedelta(days=330),
                revoked_at=now if n % 10 == 0 else None,
                revoke_reason="壓測：撤銷" if n % 10 == 0 else "",
            )
            for n, holder in enumerate(holders, start=have)
        )
    return list(
        Certificate.objects.filter(programme=programme)
        .order_by("pk")
        .values_list("code", flat=True)
    )
