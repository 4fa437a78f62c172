import io

import pytest
from openpyxl import Workbook

from people.roles import Role
from quizzes.models import FactTemplate
from tests.factories import PersonFactory, TopicFactory, category_create

HEADER = "客戶,項目,數值,單位,截至日期\n"
GOOD_ROWS = (
    '華夏貿易,上月日均存款,"12,500,000",元,2024-05-31\n'
    "東方物流,上月日均存款,８３０００００,元,2024/05/31\n"
    "南山電子,上月日均存款,4200000.5,元,2024年5月31日\n"
    "北辰建材,上月日均存款,950000,元,2024-05-31\n"
    "西湖茶業,上月日均存款,300000,元,2024-05-31\n"
    "華夏貿易,授信額度,50000000,元,2024-05-31\n"
)
GOOD = HEADER + GOOD_ROWS


def csv_bytes(text, encoding="utf-8"):
    return text.encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def topic(db):
    return TopicFactory(name="轄區客戶", code="territory")


@pytest.fixture
def category(db):
    return category_create("轄區一口清")


@pytest.fixture
def numeric_template(topic, category):
    return FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.NUMERIC,
        stem="{entity} {as_of} 的{attribute}是多少？",
        tolerance=5,
        tolerance_kind="percent",
        topic=topic,
        category=category,
    )


@pytest.fixture
def whose_template(topic, category):
    """A choice template that asks whose value it is: one question per row."""
    return FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.CHOICE,
        stem="{value}{unit} 是哪位客戶的{attribute}？",
        topic=topic,
        category=category,
    )


@pytest.fixture
def highest_template(topic, category):
    """A choice template without {value}: which entity has the highest value."""
    return FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.CHOICE,
        stem="哪位客戶的{attribute}最高？",
        topic=topic,
        category=category,
    )


@pytest.fixture
def teammate(org):
    """Another member of the trainee's team."""
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def outsider(org):
    """A trainee of another sub-branch."""
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def other_manager(org):
    """Manages 浦西支行: not the trainee's branch."""
    return PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]], position="支行行長"
    )
