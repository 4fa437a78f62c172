"""factory_boy factories for users, units and people."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from people.models import OrgUnit, Person, UnitKind
from people.roles import GROUP_NAMES, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:04d}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pass-word-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*[Group.objects.get(name=GROUP_NAMES[Role(r)]) for r in extracted])


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """Builds a root unit, or a child of `parent` when one is given."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"單位{n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = UnitKind.TEAM

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        return parent.add_child(instance=node) if parent else model_class.add_root(instance=node)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    employee_id = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Sequence(lambda n: f"員工{n}")
    unit = factory.SubFactory(OrgUnitFactory)
    position = "客戶經理"

    @factory.post_generation
    def manages(self, create, extracted, **kwargs):
        if create and extracted:
            self.managed_units.add(*extracted)
