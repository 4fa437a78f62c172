"""Prepare the bench database: a small organisation tree, the users named in
tests/bench/scenarios.py, and empty session and hit tables so every run
starts from the same state. Safe to run again."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db import transaction

from people.models import OrgUnit, Person, UnitKind
from people.roles import GROUP_NAMES, Role
from people.services import org_unit_create
from tests.bench.benchapp.models import Hit
from tests.bench.scenarios import PASSWORD, USERS

# Head office > branch > sub-branch > team, so unit paths and scope queries
# walk a realistic depth. Bench users sit in the team.
ORG_TREE = [
    ("bench-hq", "壓測總行", UnitKind.HEAD_OFFICE),
    ("bench-branch", "壓測分行", UnitKind.BRANCH),
    ("bench-sub-branch", "壓測支行", UnitKind.SUB_BRANCH),
    ("bench-team", "壓測一組", UnitKind.TEAM),
]


class Command(BaseCommand):
    help = "Create the benchmark's organisation tree and users (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        team = self._org_tree()
        for bench_user in USERS.values():
            self._user(bench_user, team)
        Session.objects.all().delete()
        Hit.objects.all().delete()
        self.stdout.write(f"bench_setup: {len(USERS)} user(s) in {team.name}")

    def _org_tree(self) -> OrgUnit:
        parent = None
        for code, name, kind in ORG_TREE:
            unit = OrgUnit.objects.filter(code=code).first()
            if unit is None:
                unit = org_unit_create(name=name, code=code, kind=kind, parent=parent)
            parent = unit
        return parent

    def _user(self, bench_user, unit: OrgUnit) -> None:
        user, _ = get_user_model().objects.get_or_create(username=bench_user.username)
        user.set_password(PASSWORD)
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name=GROUP_NAMES[Role(bench_user.role)])])
        Person.objects.update_or_create(
            user=user,
            defaults={
                "employee_id": bench_user.employee_id,
                "name": bench_user.name,
                "unit": unit,
                "position": "客戶經理",
            },
        )
