"""Demo content of the quizzes app: question banks on deposit products, loan
rates, compliance and the territory market; a drill per topic and a daily
review; and a month of simulated practice by the demo people, so that
mastery, the due queue and item analysis have something to show.

build() adds what is missing; clear() removes what build() adds.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from people.models import Person

from .models import (
    Attempt,
    Category,
    Drill,
    DrillQuestion,
    MasterySnapshot,
    MemoryState,
    Question,
    Topic,
)
from .presentation import item_seed, solution
from .question_types import QuestionType as Q
from .services import answer_save, attempt_finish, attempt_start, item_reveal, question_create
from .services.mastery import mastery_snapshot_take

TOPICS = [
    ("demo-deposits", "存款產品", "定期、通知、大額存單等存款產品的要素。"),
    ("demo-rates", "貸款利率", "LPR、加點與各類貸款的利率。"),
    ("demo-compliance", "合規與反洗錢", "客戶身份識別、可疑交易與合規紅線。"),
    ("demo-territory", "轄區市場", "本轄區的企業、園區與市場數字。"),
]

CATEGORIES = {
    "demo-deposits": "存款產品",
    "demo-rates": "貸款利率",
    "demo-compliance": "合規",
    "demo-territory": "轄區",
}


def _c(text, fraction=0.0, feedback=""):
    return {"text": text, "fraction": fraction, "feedback": feedback}


# (topic code, type, name, stem, payload, general feedback, difficulty)
QUESTIONS = [
    (
        "demo-deposits",
        Q.SINGLE,
        "一年期定存掛牌利率",
        "本行**一年期**整存整取定期存款的掛牌年利率是多少？",
        {
            "choices": [
                _c("1.35%", 1, "正確。"),
                _c("1.10%", 0, "這是六個月期。"),
                _c("1.55%", 0, "這是兩年期。"),
                _c("0.20%", 0, "這是活期。"),
            ]
        },
        "利率表每季度複核一次，以總行最新發布為準。",
        2,
    ),
    (
        "demo-deposits",
        Q.NUMERIC,
        "大額存單起存金額",
        "個人大額存單的起存金額是多少萬元？",
        {
            "answers": [
                {
                    "value": 20,
                    "tolerance": 0,
                    "tolerance_kind": "absolute",
                    "fraction": 1,
                    "feedback": "",
                }
            ],
            "unit": "萬元",
        },
        "",
        1,
    ),
    (
        "demo-deposits",
        Q.TRUE_FALSE,
        "通知存款提前通知",
        "七天通知存款支取前需提前七天通知銀行。",
        {
            "answer": True,
            "feedback_true": "對，七天通知存款須提前七天通知。",
            "feedback_false": "七天通知存款須提前七天通知。",
        },
        "",
        1,
    ),
    (
        "demo-deposits",
        Q.MULTIPLE,
        "存款保險覆蓋",
        "以下哪些屬於存款保險的保障範圍？（多選）",
        {
            "choices": [
                _c("個人定期存款", 0.5),
                _c("企業活期存款", 0.5),
                _c("理財產品", -1, "理財產品不在存款保險範圍內。"),
                _c("基金", -1, "基金不在存款保險範圍內。"),
            ]
        },
        "存款保險最高償付限額為人民幣 50 萬元。",
        3,
    ),
    (
        "demo-deposits",
        Q.RECALL,
        "存款保險償付限額",
        "存款保險的最高償付限額？",
        {"back": "同一存款人在同一家投保機構所有存款賬戶的本金和利息合併計算，最高 **50 萬元**。"},
        "",
        2,
    ),
    (
        "demo-rates",
        Q.NUMERIC,
        "一年期 LPR",
        "最新一年期貸款市場報價利率（LPR）是多少？（%）",
        {
            "answers": [
                {
                    "value": 3.0,
                    "tolerance": 0.05,
                    "tolerance_kind": "absolute",
                    "fraction": 1,
                    "feedback": "",
                }
            ],
            "unit": "%",
        },
        "LPR 每月 20 日公布。",
        2,
    ),
    (
        "demo-rates",
        Q.NUMERIC,
        "五年期以上 LPR",
        "最新五年期以上 LPR 是多少？（%）",
        {
            "answers": [
                {
                    "value": 3.5,
                    "tolerance": 0.05,
                    "tolerance_kind": "absolute",
                    "fraction": 1,
                    "feedback": "",
                }
            ],
            "unit": "%",
        },
        "",
        2,
    ),
    (
        "demo-rates",
        Q.SHORT,
        "房貸定價基準",
        "個人住房貸款利率以哪個利率為定價基準？（寫縮寫）",
        {
            "answers": [
                {"text": "LPR", "fraction": 1, "feedback": ""},
                {"text": "貸款市場報價利率", "fraction": 1, "feedback": ""},
            ]
        },
        "",
        2,
    ),
    (
        "demo-rates",
        Q.SINGLE,
        "小微企業貸款加點",
        "本行普惠小微企業信用貸款的最低加點是多少基點？",
        {
            "choices": [
                _c("LPR + 20BP", 1),
                _c("LPR + 0BP", 0, "普惠貸款也需加點。"),
                _c("LPR + 100BP", 0),
                _c("LPR − 20BP", 0),
            ]
        },
        "",
        4,
    ),
    (
        "demo-rates",
        Q.ORDERING,
        "貸款審批流程",
        "把對公貸款的審批步驟排成正確的順序。",
        {"items": ["客戶經理調查", "風險經理審查", "貸審會審議", "有權審批人審批", "放款審核"]},
        "審貸分離：調查、審查、審批各司其職。",
        3,
    ),
    (
        "demo-compliance",
        Q.SINGLE,
        "大額交易報告標準",
        "個人現金交易單筆或當日累計達到多少須提交大額交易報告？",
        {
            "choices": [
                _c("5 萬元", 1),
                _c("20 萬元", 0, "20 萬元是舊標準。"),
                _c("50 萬元", 0),
                _c("1 萬元", 0),
            ]
        },
        "",
        2,
    ),
    (
        "demo-compliance",
        Q.MULTIPLE,
        "可疑交易特徵",
        "以下哪些是可疑交易的常見特徵？（多選）",
        {
            "choices": [
                _c("短期內資金分散轉入、集中轉出", 0.5),
                _c("交易金額與客戶身份明顯不符", 0.5),
                _c("按月代發工資", -1, "代發工資是正常業務。"),
            ]
        },
        "",
        3,
    ),
    (
        "demo-compliance",
        Q.TRUE_FALSE,
        "代客戶簽名",
        "客戶經理可以在客戶授權下代客戶在業務憑證上簽名。",
        {
            "answer": False,
            "feedback_true": "不可以：任何情況下都不得代客戶簽名。",
            "feedback_false": "對，不得代客戶簽名。",
        },
        "",
        1,
    ),
    (
        "demo-compliance",
        Q.MATCHING,
        "身份證件與客戶",
        "把客戶類型和開戶所需的主要證件配對。",
        {
            "pairs": [
                {"left": "中國大陸居民", "right": "居民身份證"},
                {"left": "港澳居民", "right": "港澳居民來往內地通行證"},
                {"left": "企業", "right": "營業執照"},
            ],
            "distractors": ["駕駛證"],
        },
        "",
        2,
    ),
    (
        "demo-territory",
        Q.NUMERIC,
        "張江園區企業數",
        "張江科學城在冊企業約有多少家？（萬家，允許 10% 誤差）",
        {
            "answers": [
                {
                    "value": 2.4,
                    "tolerance": 10,
                    "tolerance_kind": "percent",
                    "fraction": 1,
                    "feedback": "",
                }
            ],
            "unit": "萬家",
        },
        "",
        3,
    ),
    # Shared questions ask about the market every team shares; a team's own
    # customers and figures are asked only of that team, from its fact sheet.
    (
        "demo-territory",
        Q.SINGLE,
        "園區企業代發工資",
        "走訪科創園區企業拓展代發工資業務，通常先與企業的哪個部門對接？",
        {
            "choices": [
                _c("人力資源部", 1, "對，代發名單和發薪日由人力資源部掌握。"),
                _c("研發中心", 0),
                _c("法務部", 0),
            ]
        },
        "",
        3,
    ),
    (
        "demo-territory",
        Q.RECALL,
        "轄區三大產業",
        "本轄區的三大主導產業？",
        {"back": "集成電路、生物醫藥、人工智能。"},
        "",
        2,
    ),
]

DRILLS = [
    ("存款產品一口清", "demo-deposits", "開門紅之前，存款產品要素必須張口就來。"),
    ("貸款利率一口清", "demo-rates", "LPR 和加點，一口說清。"),
    ("反洗錢必知", "demo-compliance", "合規紅線，一題都不能錯。"),
    ("轄區市場一口清", "demo-territory", "自己的轄區自己最清楚。"),
]
REVIEW_DRILL = "每日複習"

LOGINS: list = []  # the people app prints the demo logins

# The territory of 浦東對公團隊, as its team head would upload it.
FACT_SHEET = """客戶,項目,數值,單位,截至日期
華東精密製造有限公司,上月日均存款,8300,萬元,2026-10-31
浦江物流集團,上月日均存款,5120,萬元,2026-10-31
東海醫藥股份,上月日均存款,3650,萬元,2026-10-31
張江芯片科技,上月日均存款,2480,萬元,2026-10-31
華東精密製造有限公司,代發工資人數,1260,人,2026-10-31
浦江物流集團,代發工資人數,830,人,2026-10-31
東海醫藥股份,代發工資人數,540,人,2026-10-31
張江芯片科技,代發工資人數,410,人,2026-10-31
"""


def _territory_facts(topics, category, log) -> None:
    from people.models import OrgUnit

    from .models import FactTemplate
    from .services.facts import fact_sheet_apply

    FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.NUMERIC,
        stem="{entity} {as_of} 的{attribute}是多少（{unit}）？",
        tolerance=5,
        tolerance_kind="percent",
        topic=topics["demo-territory"],
        category=category,
    )
    FactTemplate.objects.create(
        attribute="代發工資人數",
        kind=FactTemplate.Kind.CHOICE,
        stem="哪家客戶的{attribute}最多？",
        topic=topics["demo-territory"],
        category=category,
    )
    unit = OrgUnit.objects.filter(code="demo-pudong-corp").first()
    head = Person.objects.filter(user__username="manager").select_related("user").first()
    if unit is None or head is None:
        return
    sheet = fact_sheet_apply(
        file_name="浦東對公轄區.csv", data=FACT_SHEET.encode("utf-8"), unit=unit, user=head.user
    )
    log(f"quizzes: territory facts of {unit.name} uploaded ({sheet.facts.count()} facts).")


def _response(qtype, payload, attempt, position, shuffle, right: bool) -> dict:
    seed = item_seed(attempt.seed, position)
    answer = solution(
        qtype=qtype, stem="", payload=payload, general_feedback="", seed=seed, shuffle=shuffle
    )
    correct = answer.get("correct")
    if qtype == Q.SINGLE:
        return {"choice": correct[0] if right else (correct[0] + 1) % len(payload["choices"])}
    if qtype == Q.MULTIPLE:
        return {"choices": correct if right else correct[:1]}
    if qtype == Q.TRUE_FALSE:
        return {"answer": correct if right else not correct}
    if qtype == Q.SHORT:
        return {"text": correct[0] if right else "不知道"}
    if qtype == Q.NUMERIC:
        return {"value": correct[0] if right else correct[0] * 1.5 + 1}
    if qtype == Q.ORDERING:
        return {"order": correct if right else list(reversed(correct))}
    if qtype == Q.MATCHING:
        pairs = {left: right_id for left, right_id in correct.items()}
        if not right:
            keys = list(pairs)
            pairs[keys[0]], pairs[keys[1]] = pairs[keys[1]], pairs[keys[0]]
        return {"pairs": pairs}
    return {"rating": 3 if right else 1}


def _simulate_month(log) -> None:
    """Thirty days of practice: each customer manager drills every two or three
    days; stronger people (and later sessions) answer right more often."""
    rng = random.Random(2026)
    drills = list(Drill.objects.filter(title__in=[d[0] for d in DRILLS]))
    people = list(Person.objects.filter(employee_id__startswith="D", position="客戶經理"))
    # The test settings simulate fewer people: the same code, a faster suite.
    people = people[: getattr(settings, "QUIZZES_DEMO_PEOPLE", len(people))]
    now = timezone.now()
    answers = 0
    for person in people:
        skill = rng.uniform(0.45, 0.9)
        day = 30 - rng.randint(0, 2)
        while day > 0:
            when = now - timedelta(days=day, hours=rng.randint(0, 8))
            drill = rng.choice(drills)
            attempt = attempt_start(drill=drill, person=person, now=when)
            for item in attempt.items.select_related("version", "question"):
                progress = (30 - day) / 30
                right = rng.random() < min(0.97, skill + 0.15 * progress)
                response = _response(
                    item.question.qtype,
                    item.version.payload,
                    attempt,
                    item.position,
                    drill.shuffle_choices,
                    right,
                )
                answered = when + timedelta(seconds=20 * (item.position + 1))
                if item.question.qtype == Q.RECALL:
                    # A card is rated after its answer was shown, as on the phone.
                    item_reveal(
                        attempt_id=attempt.pk,
                        position=item.position,
                        user=person.user,
                        now=answered - timedelta(seconds=5),
                    )
                answer_save(
                    attempt_id=attempt.pk,
                    position=item.position,
                    user=person.user,
                    response=response,
                    now=answered,
                )
                answers += 1
            attempt_finish(attempt_id=attempt.pk, person=person, now=when + timedelta(seconds=150))
            day -= rng.randint(2, 3)
    for day in range(30, -1, -1):
        mastery_snapshot_take(day=timezone.localdate(now - timedelta(days=day)))
    log(f"quizzes: a month of practice simulated ({answers} answers by {len(people)} people).")


def build(*, log=print) -> None:
    if Topic.objects.filter(code="demo-deposits").exists():
        log("quizzes: demo question banks already there.")
        return
    topics = {
        code: Topic.objects.create(code=code, name=name, description=text)
        for code, name, text in TOPICS
    }
    root = Category.add_root(instance=Category(name="演示題庫"))
    categories = {
        code: root.add_child(instance=Category(name=name)) for code, name in CATEGORIES.items()
    }
    by_topic: dict[str, list[Question]] = {}
    for topic, qtype, name, stem, payload, feedback, difficulty in QUESTIONS:
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
        by_topic.setdefault(topic, []).append(question)
    for title, topic, description in DRILLS:
        drill = Drill.objects.create(
            title=title, description=description, time_limit=180, pass_mark=80
        )
        drill.topics.add(topics[topic])
        for position, question in enumerate(by_topic[topic]):
            DrillQuestion.objects.create(drill=drill, question=question, position=position)
    review = Drill.objects.create(
        title=REVIEW_DRILL,
        description="先複習到期的題目，再補充新題。",
        selection="due",
        question_count=8,
        time_per_question=45,
        pass_mark=60,
    )
    review.categories.add(root)
    log(
        f"quizzes: {len(QUESTIONS)} questions in {len(TOPICS)} topics and {len(DRILLS) + 1} drills added."
    )
    _territory_facts(topics, categories["demo-territory"], log)
    _simulate_month(log)


def clear(*, log=print) -> None:
    codes = [code for code, *_ in TOPICS]
    drills = Drill.objects.filter(title__in=[d[0] for d in DRILLS] + [REVIEW_DRILL])
    Attempt.objects.filter(drill__in=drills).delete()
    questions = Question.objects.filter(topic__code__in=codes)
    MemoryState.objects.filter(question__in=questions).delete()
    MasterySnapshot.objects.filter(topic__code__in=codes).delete()
    drills.delete()
    questions.delete()
    from .models import FactSheet, FactTemplate

    FactSheet.objects.filter(file_name="浦東對公轄區.csv").delete()
    Question.objects.filter(fact_key__startswith="facts:").filter(
        category__in=Category.objects.filter(name="轄區")
    ).delete()
    FactTemplate.objects.filter(topic__code="demo-territory").delete()
    Category.objects.filter(name="演示題庫", depth=1).delete()
    Topic.objects.filter(code__in=codes).delete()
    log("quizzes: demo question banks removed.")
