"""Demo content of the quizzes app, read from the data files beside this module:

- questions.yaml: topics, their categories and questions;
- drills.yaml: a 一口清 drill per topic and the daily review;
- facts.yaml: one team's territory fact sheet and the templates that ask it;
- practice.yaml: the parameters of a month of simulated practice by the demo
  people, so that mastery, the due queue and item analysis have something to show.

build() adds what is missing; clear() removes what build() adds. A mistake in a
data file stops the build with its file and line (demofiles.DemoDataError)
before anything is written.
"""

import random
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from demofiles import DemoDataError, Entry, yaml_read
from people.models import OrgUnit, Person
from quizzes.models import (
    Attempt,
    Category,
    Drill,
    DrillQuestion,
    FactSheet,
    FactTemplate,
    MasterySnapshot,
    MemoryState,
    Question,
    Topic,
)
from quizzes.presentation import item_seed, solution
from quizzes.services import (
    answer_save,
    attempt_finish,
    attempt_start,
    item_reveal,
    question_create,
)
from quizzes.services.facts import fact_sheet_apply
from quizzes.services.mastery import mastery_snapshot_take

FOLDER = Path(__file__).parent
QUESTION_TYPES = [
    "single",
    "multiple",
    "true_false",
    "short",
    "numeric",
    "ordering",
    "matching",
    "recall",
]

__all__ = ["FOLDER", "DemoDataError", "build", "clear", "data"]

LOGINS: list = []  # the people app prints the demo logins


def data(folder: Path | None = None) -> dict:
    """The demo's question banks, drills, facts and practice, read from `folder`
    (FOLDER when not given) and checked."""
    return _read(folder or FOLDER)


@cache
def _read(folder: Path) -> dict:
    banks = yaml_read(folder / "questions.yaml").take(["root_category", "topics"])
    topics, questions, where = [], [], []
    for topic in banks.entries("topics"):
        topic = topic.take(["code", "name", "description", "category", "questions"])
        if any(code == topic["code"] for code, *_ in topics):
            raise topic.error(f"topic {topic['code']} is given twice")
        topics.append((topic["code"], topic["name"], topic["description"], topic["category"]))
        for question in topic.entries("questions"):
            questions.append(_question(topic["code"], question))
            where.append(question)
    codes = {code for code, *_ in topics}

    drills = yaml_read(folder / "drills.yaml").take(["topic_drills", "review"])
    topic_drills = []
    for drill in drills.entries("topic_drills"):
        drill = drill.take(["title", "topic", "description", "time_limit", "pass_mark"])
        if drill["topic"] not in codes:
            raise drill.error(f"topic {drill['topic']} is not in questions.yaml", "topic")
        topic_drills.append(drill)
    review = drills.entry("review").take(
        ["title", "description", "question_count", "time_per_question", "pass_mark"]
    )

    facts = yaml_read(folder / "facts.yaml").take(["templates", "topic", "sheet"])
    if facts["topic"] not in codes:
        raise facts.error(f"topic {facts['topic']} is not in questions.yaml", "topic")
    templates = []
    for template in facts.entries("templates"):
        template = template.take(
            ["attribute", "kind", "stem"], {"tolerance": None, "tolerance_kind": None}
        )
        template.choice("kind", FactTemplate.Kind)
        templates.append({key: value for key, value in template.items() if value is not None})
    sheet = facts.entry("sheet").take(["unit", "uploaded_by", "file_name", "rows"])

    practice = yaml_read(folder / "practice.yaml").take(PRACTICE_KEYS)
    return {
        "root_category": banks["root_category"],
        "topics": topics,
        "questions": questions,
        "where": where,  # each question's entry, to locate what question_create refuses
        "topic_drills": topic_drills,
        "review": review,
        "fact_topic": facts["topic"],
        "templates": templates,
        "sheet": sheet,
        "practice": practice,
    }


PRACTICE_KEYS = [
    "seed", "days", "employee_ids_start", "position", "skill", "progress", "best",
    "first_day_late", "gap", "hours", "seconds_per_answer", "reveal_before_rating",
    "session_seconds", "wrong_text",
]  # fmt: skip


def _question(topic: str, entry: Entry) -> tuple:
    """(topic code, type, name, stem, payload, general feedback, difficulty)."""
    for key in ("name", "type", "difficulty", "stem"):
        if key not in entry:
            raise entry.error(f"a question needs {key}")
    entry.choice("type", QUESTION_TYPES)
    difficulty = entry["difficulty"]
    if difficulty not in range(1, 6):
        raise entry.error(
            f"difficulty {difficulty} is not a whole number from 1 to 5", "difficulty"
        )
    fixed = {"name", "type", "difficulty", "stem", "general_feedback"}
    payload = {key: value for key, value in entry.items() if key not in fixed}
    feedback = entry.get("general_feedback", "")
    return (topic, entry["type"], entry["name"], entry["stem"], payload, feedback, difficulty)


def __getattr__(name):
    # The questions as tuples, for the tests that check each demo payload.
    if name == "QUESTIONS":
        return data()["questions"]
    raise AttributeError(name)


def _territory_facts(demo, topics, category, log) -> None:
    for template in demo["templates"]:
        FactTemplate.objects.create(**template, topic=topics[demo["fact_topic"]], category=category)
    sheet = demo["sheet"]
    unit = OrgUnit.objects.filter(code=sheet["unit"]).first()
    head = Person.objects.filter(user__username=sheet["uploaded_by"]).select_related("user").first()
    if unit is None or head is None:
        return
    uploaded = fact_sheet_apply(
        file_name=sheet["file_name"], data=sheet["rows"].encode("utf-8"), unit=unit, user=head.user
    )
    log(f"quizzes: territory facts of {unit.name} uploaded ({uploaded.facts.count()} facts).")


def _response(qtype, payload, attempt, position, shuffle, right: bool, wrong_text) -> dict:
    seed = item_seed(attempt.seed, position)
    answer = solution(
        qtype=qtype, stem="", payload=payload, general_feedback="", seed=seed, shuffle=shuffle
    )
    correct = answer.get("correct")
    if qtype == "single":
        return {"choice": correct[0] if right else (correct[0] + 1) % len(payload["choices"])}
    if qtype == "multiple":
        return {"choices": correct if right else correct[:1]}
    if qtype == "true_false":
        return {"answer": correct if right else not correct}
    if qtype == "short":
        return {"text": correct[0] if right else wrong_text}
    if qtype == "numeric":
        return {"value": correct[0] if right else correct[0] * 1.5 + 1}
    if qtype == "ordering":
        return {"order": correct if right else list(reversed(correct))}
    if qtype == "matching":
        pairs = {left: right_id for left, right_id in correct.items()}
        if not right:
            keys = list(pairs)
            pairs[keys[0]], pairs[keys[1]] = pairs[keys[1]], pairs[keys[0]]
        return {"pairs": pairs}
    return {"rating": 3 if right else 1}


def _simulate_month(demo, log) -> None:
    """Each customer manager drills every few days; stronger people (and later
    sessions) answer right more often. practice.yaml gives the numbers."""
    p = demo["practice"]
    days = p["days"]
    rng = random.Random(p["seed"])
    drills = list(Drill.objects.filter(title__in=[d["title"] for d in demo["topic_drills"]]))
    people = list(
        Person.objects.filter(
            employee_id__startswith=p["employee_ids_start"], position=p["position"]
        )
    )
    # The test settings simulate fewer people: the same code, a faster suite.
    people = people[: getattr(settings, "QUIZZES_DEMO_PEOPLE", len(people))]
    now = timezone.now()
    answers = 0
    for person in people:
        skill = rng.uniform(*p["skill"])
        day = days - rng.randint(0, p["first_day_late"])
        while day > 0:
            when = now - timedelta(days=day, hours=rng.randint(*p["hours"]))
            drill = rng.choice(drills)
            attempt = attempt_start(drill=drill, person=person, now=when)
            for item in attempt.items.select_related("version", "question"):
                progress = (days - day) / days
                right = rng.random() < min(p["best"], skill + p["progress"] * progress)
                response = _response(
                    item.question.qtype,
                    item.version.payload,
                    attempt,
                    item.position,
                    drill.shuffle_choices,
                    right,
                    p["wrong_text"],
                )
                answered = when + timedelta(seconds=p["seconds_per_answer"] * (item.position + 1))
                if item.question.qtype == "recall":
                    # A card is rated after its answer was shown, as on the phone.
                    item_reveal(
                        attempt_id=attempt.pk,
                        position=item.position,
                        user=person.user,
                        now=answered - timedelta(seconds=p["reveal_before_rating"]),
                    )
                answer_save(
                    attempt_id=attempt.pk,
                    position=item.position,
                    user=person.user,
                    response=response,
                    now=answered,
                )
                answers += 1
            finished = when + timedelta(seconds=p["session_seconds"])
            attempt_finish(attempt_id=attempt.pk, person=person, now=finished)
            day -= rng.randint(*p["gap"])
    for day in range(days, -1, -1):
        mastery_snapshot_take(day=timezone.localdate(now - timedelta(days=day)))
    log(f"quizzes: a month of practice simulated ({answers} answers by {len(people)} people).")


def build(*, log=print) -> None:
    demo = data()
    first_topic = demo["topics"][0][0]
    if Topic.objects.filter(code=first_topic).exists():
        log("quizzes: demo question banks already there.")
        return
    topics = {
        code: Topic.objects.create(code=code, name=name, description=text)
        for code, name, text, _category in demo["topics"]
    }
    root = Category.add_root(instance=Category(name=demo["root_category"]))
    categories = {
        code: root.add_child(instance=Category(name=category))
        for code, _name, _text, category in demo["topics"]
    }
    by_topic: dict[str, list[Question]] = {}
    for entry, spec in zip(demo["where"], demo["questions"], strict=True):
        topic, qtype, name, stem, payload, feedback, difficulty = spec
        try:
            question = question_create(
                category=categories[topic],
                topic=topics[topic],
                qtype=qtype,
                name=name,
                stem=stem,
                payload=payload,
                general_feedback=feedback,
                difficulty=difficulty,
            )
        except ValidationError as exc:
            raise entry.error("; ".join(exc.messages)) from exc
        by_topic.setdefault(topic, []).append(question)
    for spec in demo["topic_drills"]:
        drill = Drill.objects.create(
            title=spec["title"],
            description=spec["description"],
            time_limit=spec["time_limit"],
            pass_mark=spec["pass_mark"],
        )
        drill.topics.add(topics[spec["topic"]])
        for position, question in enumerate(by_topic.get(spec["topic"], [])):
            DrillQuestion.objects.create(drill=drill, question=question, position=position)
    review = Drill.objects.create(selection="due", **demo["review"])
    review.categories.add(root)
    log(
        f"quizzes: {len(demo['questions'])} questions in {len(demo['topics'])} topics "
        f"and {len(demo['topic_drills']) + 1} drills added."
    )
    _territory_facts(demo, topics, categories[demo["fact_topic"]], log)
    _simulate_month(demo, log)


def clear(*, log=print) -> None:
    demo = data()
    codes = [code for code, *_ in demo["topics"]]
    titles = [d["title"] for d in demo["topic_drills"]] + [demo["review"]["title"]]
    drills = Drill.objects.filter(title__in=titles)
    Attempt.objects.filter(drill__in=drills).delete()
    questions = Question.objects.filter(topic__code__in=codes)
    MemoryState.objects.filter(question__in=questions).delete()
    MasterySnapshot.objects.filter(topic__code__in=codes).delete()
    drills.delete()
    questions.delete()
    FactSheet.objects.filter(file_name=demo["sheet"]["file_name"]).delete()
    fact_category = next(cat for code, *_, cat in demo["topics"] if code == demo["fact_topic"])
    Question.objects.filter(fact_key__startswith="facts:").filter(
        category__in=Category.objects.filter(name=fact_category)
    ).delete()
    FactTemplate.objects.filter(topic__code=demo["fact_topic"]).delete()
    Category.objects.filter(name=demo["root_category"], depth=1).delete()
    Topic.objects.filter(code__in=codes).delete()
    log("quizzes: demo question banks removed.")
