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


# --- quizzes ---------------------------------------------------------------------

from quizzes.models import Category, Drill, DrillQuestion, Topic  # noqa: E402
from quizzes.services import question_create  # noqa: E402


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"主題{n}")
    code = factory.Sequence(lambda n: f"topic-{n}")


def category_create(name="產品知識", parent=None):
    category = Category(name=name)
    return parent.add_child(instance=category) if parent else Category.add_root(instance=category)


SINGLE_PAYLOAD = {
    "choices": [
        {"text": "3.25%", "fraction": 1.0, "feedback": "對，這是一年期定存利率。"},
        {"text": "2.75%", "fraction": 0.0, "feedback": "這是活期利率。"},
        {"text": "4.00%", "fraction": 0.0, "feedback": ""},
    ]
}


def question_make(
    *,
    qtype="single",
    payload=None,
    stem="一年期定存利率是多少？",
    topic=None,
    category=None,
    **kwargs,
):
    return question_create(
        category=category or category_create(),
        topic=topic or TopicFactory(),
        qtype=qtype,
        name=kwargs.pop("name", stem[:30]),
        stem=stem,
        payload=payload if payload is not None else SINGLE_PAYLOAD,
        **kwargs,
    )


def drill_make(questions, **kwargs):
    kwargs.setdefault("title", "利率一口清")
    kwargs.setdefault("shuffle_questions", False)
    drill = Drill.objects.create(**kwargs)
    for position, question in enumerate(questions):
        DrillQuestion.objects.create(drill=drill, question=question, position=position)
    return drill


# --- mentorship ------------------------------------------------------------------


def mentor_make(person=None, *, capacity=2, strengths=(), **person_kwargs):
    """An ACTIVE mentor profile (making the person too unless given)."""
    from mentorship.models import MentorProfile

    if person is None:
        from people.roles import Role

        person_kwargs.setdefault("user__roles", [Role.TRAINEE])
        person = PersonFactory(**person_kwargs)
    profile = MentorProfile.objects.create(person=person, capacity=capacity)
    profile.strengths.set(strengths)
    return profile
