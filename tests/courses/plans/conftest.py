import datetime

import pytest
from django.utils import timezone

from courses.models import Recurrence
from courses.services.plans import assignment_create
from people.roles import Role
from tests.factories import PersonFactory, drill_make, question_make


@pytest.fixture
def puxi_trainee(org):
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def drill(db):
    return drill_make([question_make()], title="合規演練")


@pytest.fixture
def pass_mark_drill(db):
    return drill_make([question_make(stem="另一題")], title="及格演練", pass_mark=60)


def assign(by, *, course=None, drill=None, person=None, unit=None, starts=None, due=None, **kw):
    starts = starts or timezone.localdate()
    return assignment_create(
        by=by.user,
        course=course,
        drill=drill,
        person=person,
        unit=unit,
        starts_on=starts,
        due_on=due or starts + datetime.timedelta(days=30),
        recurrence=kw.pop("recurrence", Recurrence.NONE),
        **kw,
    )
