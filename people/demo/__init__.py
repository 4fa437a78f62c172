"""The demo organisation, read from `people/demo/people.yaml`: units, people
with their roles, logins and the password they share.

build() adds what is missing and leaves what exists alone, so running it again
changes nothing and loses nothing; clear() removes exactly what build() adds.
A mistake in the data file stops the build with its file and line
(demofiles.DemoDataError) before anything is written.
"""

from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from demofiles import DemoDataError, Entry, yaml_read
from people.models import Grade, GuidanceType, OrgUnit, Person, UnitKind
from people.roles import GROUP_NAMES, Role
from people.services import org_unit_create

DATA = Path(__file__).with_name("people.yaml")

__all__ = ["DATA", "DemoDataError", "build", "clear", "data"]


def data(path: Path | None = None) -> dict:
    """The demo organisation from `path` (DATA when not given), checked: units (code, name, kind,
    parent code), people (one dict each, team members numbered), logins
    (role, user name, password) and the password."""
    return _read(path or DATA)


@cache
def _read(path: Path) -> dict:
    raw = yaml_read(path).take(
        ["password", "units", "people", "logins"], {"team_member": None, "team_members": {}}
    )
    password = str(raw["password"])
    units = []
    codes = set()
    for entry in raw.entries("units"):
        unit = entry.take(["code", "name", "kind"], {"parent": None})
        unit.choice("kind", UnitKind)
        if unit["code"] in codes:
            raise unit.error(f"unit {unit['code']} is given twice")
        if unit["parent"] is not None and unit["parent"] not in codes:
            raise unit.error(f"parent {unit['parent']} is not a unit written above")
        codes.add(unit["code"])
        units.append((unit["code"], unit["name"], unit["kind"], unit["parent"]))
    people = [_person(entry, codes) for entry in raw.entries("people")]
    people += _team_members(raw, codes)
    ids = [person["employee_id"] for person in people]
    for person in people:
        if ids.count(person["employee_id"]) > 1:
            raise person["entry"].error(f"employee id {person['employee_id']} is given twice")
    usernames = {person["username"] for person in people}
    logins = []
    for entry in raw.entries("logins"):
        login = entry.take(["role", "login"])
        if login["login"] not in usernames:
            raise login.error(f"login {login['login']} is nobody's in “people”", "login")
        logins.append((login["role"], login["login"], password))
    return {"password": password, "units": units, "people": people, "logins": logins}


def _person(entry: Entry, units: set[str]) -> dict:
    optional = {"login": None, "grade": "", "guidance": "", "manages": None}
    person = entry.take(["employee_id", "name", "unit", "position", "hired", "roles"], optional)
    for key, unit in (("unit", person["unit"]), ("manages", person["manages"])):
        if unit is not None and unit not in units:
            raise person.error(f"{key}: there is no unit {unit} in “units”", key)
    if person["grade"]:
        person.choice("grade", Grade)
    if person["guidance"]:
        person.choice("guidance", GuidanceType)
    if not hasattr(person["hired"], "year"):
        raise person.error(
            f"hired “{person['hired']}” is not a date written year-month-day", "hired"
        )
    roles = person["roles"]
    if not isinstance(roles, list) or not roles or not set(roles) <= set(Role.values):
        raise person.error(f"roles {roles} are not a list of: {', '.join(Role.values)}", "roles")
    return {
        "entry": person,
        "employee_id": str(person["employee_id"]),
        "username": person["login"] or str(person["employee_id"]),
        "name": person["name"],
        "unit": person["unit"],
        "position": person["position"],
        "hired": person["hired"],
        "grade": person["grade"],
        "guidance": person["guidance"],
        "roles": [Role(role) for role in roles],
        "manages": person["manages"],
    }


def _team_members(raw: Entry, units: set[str]) -> list[dict]:
    if not raw["team_members"]:
        return []
    teams = raw.entry("team_members")
    if raw["team_member"] is None:
        raise raw.error("team_members need a “team_member” line: position, roles, first_number")
    common = raw.entry("team_member").take(["position", "roles", "first_number"])
    number = int(common["first_number"]) - 1
    people = []
    for unit, members in teams.items():
        if not isinstance(members, list):
            raise teams.error(f"team_members: {unit} is a list of members", unit)
        for member in members:
            if not isinstance(member, Entry):
                raise teams.error(
                    f"team_members: {unit} is a list of “- {{name: ..., hired: ...}}”", unit
                )
            member = member.take(["name", "hired"], {"grade": "", "guidance": ""})
            number += 1
            entry = Entry(
                member,
                employee_id=f"D{number:04d}",
                unit=unit,
                position=common["position"],
                roles=common["roles"],
            )
            people.append(_person(entry.located(member), units))
    return people


def __getattr__(name):
    # `make demo` prints LOGINS once build() has run.
    if name == "LOGINS":
        return data()["logins"]
    if name == "DEMO_PASSWORD":
        return data()["password"]
    raise AttributeError(name)


def build(*, log=print) -> None:
    demo = data()
    units = {}
    created_units = 0
    for code, name, kind, parent_code in demo["units"]:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            parent = units[parent_code] if parent_code else None
            unit = org_unit_create(name=name, code=code, kind=kind, parent=parent)
            created_units += 1
        units[code] = unit

    groups = {role: Group.objects.get(name=name) for role, name in GROUP_NAMES.items()}
    # One hash for every demo login: hashing is slow on purpose, 38 times is seconds.
    password_hash = make_password(demo["password"])
    User = get_user_model()
    existing = set(Person.objects.values_list("employee_id", flat=True))
    created_people = 0
    for spec in demo["people"]:
        if spec["employee_id"] in existing:
            continue
        user, user_created = User.objects.get_or_create(
            username=spec["username"], defaults={"first_name": spec["name"]}
        )
        if user_created:
            user.password = password_hash
            user.save(update_fields=["password"])
        user.groups.add(*[groups[role] for role in spec["roles"]])
        person = Person.objects.create(
            user=user,
            employee_id=spec["employee_id"],
            name=spec["name"],
            unit=units[spec["unit"]],
            position=spec["position"],
            hire_date=spec["hired"],
            grade=spec["grade"],
            guidance_type=spec["guidance"],
        )
        if spec["manages"]:
            person.managed_units.add(units[spec["manages"]])
        created_people += 1
    log(
        f"people: {created_units} units and {created_people} people added "
        f"({OrgUnit.objects.count()} units, {Person.objects.count()} people in all)."
    )


def clear(*, log=print) -> None:
    demo = data()
    employee_ids = [spec["employee_id"] for spec in demo["people"]]
    people = Person.objects.filter(employee_id__in=employee_ids).select_related("user")
    user_ids = list(people.values_list("user_id", flat=True))
    people.delete()
    get_user_model().objects.filter(pk__in=user_ids).delete()
    for code, *_ in reversed(demo["units"]):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None and not unit.get_children_count() and not unit.members.exists():
            unit.delete()
    log("people: demo organisation removed.")
