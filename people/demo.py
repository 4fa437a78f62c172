"""The demo organisation: a head office with its risk department, one branch,
three sub-branches, six teams and 40 people with every role.

build() adds what is missing and leaves what exists alone, so running it again
changes nothing and loses nothing; clear() removes exactly what build() adds.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .models import OrgUnit, Person
from .roles import GROUP_NAMES, Role

DEMO_PASSWORD = "lianbing-demo"

# (code, name, kind, parent code)
UNITS = [
    ("demo-hq", "總行", "head_office", None),
    ("demo-risk", "風險管理部", "department", "demo-hq"),
    ("demo-east", "華東分行", "branch", "demo-hq"),
    ("demo-pudong", "浦東支行", "sub_branch", "demo-east"),
    ("demo-puxi", "浦西支行", "sub_branch", "demo-east"),
    ("demo-minhang", "閔行支行", "sub_branch", "demo-east"),
    ("demo-pudong-corp", "浦東對公團隊", "team", "demo-pudong"),
    ("demo-pudong-retail", "浦東零售團隊", "team", "demo-pudong"),
    ("demo-puxi-corp", "浦西對公團隊", "team", "demo-puxi"),
    ("demo-puxi-retail", "浦西零售團隊", "team", "demo-puxi"),
    ("demo-minhang-corp", "閔行對公團隊", "team", "demo-minhang"),
    ("demo-minhang-retail", "閔行零售團隊", "team", "demo-minhang"),
]

T, TR, R, M, A = Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR

# (employee id, username, name, unit code, position, hire date, grade, guidance, roles, manages)
PEOPLE = [
    ("D0001", "admin", "周文華", "demo-hq", "培訓管理員", date(2012, 4, 1), "", "", [A], None),
    ("D0002", "risk", "陳立信", "demo-risk", "風險經理", date(2009, 7, 15), "", "", [R], None),
    ("D0003", None, "林慧敏", "demo-risk", "高級風險經理", date(2006, 3, 1), "", "", [R, TR], None),
    ("D0004", None, "黃國強", "demo-east", "分行行長", date(2003, 9, 1), "", "", [M], "demo-east"),
    (
        "D0005",
        "trainer",
        "吳建平",
        "demo-east",
        "內訓師",
        date(2008, 5, 12),
        "principal",
        "",
        [TR],
        None,
    ),
    (
        "D0006",
        None,
        "鄭美玲",
        "demo-pudong",
        "支行行長",
        date(2007, 2, 20),
        "",
        "",
        [M],
        "demo-pudong",
    ),
    ("D0007", None, "王志明", "demo-puxi", "支行行長", date(2010, 8, 8), "", "", [M], "demo-puxi"),
    (
        "D0008",
        None,
        "趙麗華",
        "demo-minhang",
        "支行行長",
        date(2011, 1, 10),
        "",
        "",
        [M],
        "demo-minhang",
    ),
    (
        "D0009",
        "manager",
        "李國華",
        "demo-pudong-corp",
        "團隊長",
        date(2013, 6, 3),
        "senior",
        "",
        [M, TR],
        "demo-pudong-corp",
    ),
    (
        "D0010",
        None,
        "孫雅婷",
        "demo-pudong-retail",
        "團隊長",
        date(2014, 3, 17),
        "senior",
        "",
        [M],
        "demo-pudong-retail",
    ),
    (
        "D0011",
        None,
        "馬俊傑",
        "demo-puxi-corp",
        "團隊長",
        date(2012, 11, 5),
        "senior",
        "",
        [M, TR],
        "demo-puxi-corp",
    ),
    (
        "D0012",
        None,
        "朱曉燕",
        "demo-puxi-retail",
        "團隊長",
        date(2015, 4, 22),
        "senior",
        "",
        [M],
        "demo-puxi-retail",
    ),
    (
        "D0013",
        None,
        "胡永康",
        "demo-minhang-corp",
        "團隊長",
        date(2013, 9, 9),
        "senior",
        "",
        [M],
        "demo-minhang-corp",
    ),
    (
        "D0014",
        None,
        "郭淑芬",
        "demo-minhang-retail",
        "團隊長",
        date(2016, 2, 14),
        "senior",
        "",
        [M],
        "demo-minhang-retail",
    ),
    (
        "D0015",
        "trainee",
        "張偉",
        "demo-pudong-corp",
        "客戶經理",
        date(2024, 7, 1),
        "junior",
        "lacks_confidence",
        [T],
        None,
    ),
]

# Customer managers of each team: (name, hire date, grade, guidance type).
TEAM_MEMBERS = {
    "demo-pudong-corp": [
        ("劉芳", date(2019, 3, 4), "intermediate", "high_performer"),
        ("楊帆", date(2021, 8, 16), "junior", "lacks_drive"),
        ("何静怡", date(2025, 2, 10), "probation", "lacks_confidence"),
        ("高明遠", date(2017, 6, 1), "senior", "complacent"),
    ],
    "demo-pudong-retail": [
        ("羅家豪", date(2020, 9, 7), "intermediate", "strong_start_weak_finish"),
        ("梁詩涵", date(2023, 4, 3), "junior", ""),
        ("宋子軒", date(2018, 12, 3), "intermediate", "high_performer"),
        ("謝婉清", date(2025, 7, 14), "probation", ""),
    ],
    "demo-puxi-corp": [
        ("唐振宇", date(2016, 5, 9), "senior", "complacent"),
        ("許嘉欣", date(2022, 10, 10), "junior", "lacks_confidence"),
        ("韓冬", date(2019, 1, 21), "intermediate", ""),
        ("馮欣怡", date(2024, 3, 18), "junior", "strong_start_weak_finish"),
    ],
    "demo-puxi-retail": [
        ("鄧浩然", date(2021, 6, 28), "junior", "lacks_drive"),
        ("曹雨桐", date(2018, 8, 20), "intermediate", "high_performer"),
        ("彭博文", date(2023, 11, 6), "junior", ""),
        ("曾佩珊", date(2025, 9, 1), "probation", "lacks_confidence"),
    ],
    "demo-minhang-corp": [
        ("蕭子豪", date(2017, 2, 13), "senior", "high_performer"),
        ("田慧", date(2022, 5, 23), "junior", "strong_start_weak_finish"),
        ("董建國", date(2020, 4, 27), "intermediate", "complacent"),
        ("袁思琪", date(2024, 10, 8), "probation", ""),
    ],
    "demo-minhang-retail": [
        ("潘俊宏", date(2019, 7, 15), "intermediate", "lacks_drive"),
        ("蔣雅琪", date(2023, 1, 9), "junior", ""),
        ("蔡明哲", date(2021, 12, 13), "junior", "lacks_confidence"),
    ],
}

LOGINS = [
    ("trainee", "trainee", DEMO_PASSWORD),
    ("trainer", "trainer", DEMO_PASSWORD),
    ("risk expert", "risk", DEMO_PASSWORD),
    ("manager", "manager", DEMO_PASSWORD),
    ("administrator", "admin", DEMO_PASSWORD),
]


def _all_people():
    yield from PEOPLE
    number = 100
    for unit_code, members in TEAM_MEMBERS.items():
        for name, hired, grade, guidance in members:
            number += 1
            yield (
                f"D{number:04d}",
                None,
                name,
                unit_code,
                "客戶經理",
                hired,
                grade,
                guidance,
                [T],
                None,
            )


def build(*, log=print) -> None:
    units = {}
    created_units = 0
    for code, name, kind, parent_code in UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            unit = OrgUnit(code=code, name=name, kind=kind)
            unit = (
                units[parent_code].add_child(instance=unit)
                if parent_code
                else OrgUnit.add_root(instance=unit)
            )
            created_units += 1
        units[code] = unit

    groups = {role: Group.objects.get(name=name) for role, name in GROUP_NAMES.items()}
    # One hash for every demo login: hashing is slow on purpose, 38 times is seconds.
    password_hash = make_password(DEMO_PASSWORD)
    User = get_user_model()
    existing = set(Person.objects.values_list("employee_id", flat=True))
    created_people = 0
    for (
        employee_id,
        username,
        name,
        unit_code,
        position,
        hired,
        grade,
        guidance,
        roles,
        manages,
    ) in _all_people():
        if employee_id in existing:
            continue
        user, user_created = User.objects.get_or_create(
            username=username or employee_id, defaults={"first_name": name}
        )
        if user_created:
            user.password = password_hash
            user.save(update_fields=["password"])
        user.groups.add(*[groups[role] for role in roles])
        person = Person.objects.create(
            user=user,
            employee_id=employee_id,
            name=name,
            unit=units[unit_code],
            position=position,
            hire_date=hired,
            grade=grade,
            guidance_type=guidance,
        )
        if manages:
            person.managed_units.add(units[manages])
        created_people += 1
    log(
        f"people: {created_units} units and {created_people} people added "
        f"({OrgUnit.objects.count()} units, {Person.objects.count()} people in all)."
    )


def clear(*, log=print) -> None:
    employee_ids = [row[0] for row in _all_people()]
    people = Person.objects.filter(employee_id__in=employee_ids).select_related("user")
    user_ids = list(people.values_list("user_id", flat=True))
    people.delete()
    get_user_model().objects.filter(pk__in=user_ids).delete()
    for code, *_ in reversed(UNITS):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None and not unit.get_children_count() and not unit.members.exists():
            unit.delete()
    log("people: demo organisation removed.")
