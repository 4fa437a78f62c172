"""After the morning drill: is every answer in the database?

Reads on stdin {"drill_id", "questions", "usernames": [...], "acknowledged":
[[username, attempt_id, position, response], ...]} (every save the client got
HTTP 200 for), or {"checks": [such objects]} to check several phases at once
(a list of answers in the same order), and writes one JSON object on stdout:

    lost_answers         answers that should be there and are not: a save
                         acknowledged with 200 whose item is unanswered or holds
                         another response, or an expected answer (every
                         position of every trainee) that is missing
    acknowledged_lost    of those, the saves acknowledged with 200: an answer
                         the server said it kept and did not (the others were
                         not acknowledged: a request failed or was never sent)
    unfinished_attempts  trainees without exactly one attempt, finished, with
                         `questions` items
    problems             a few examples, to start looking from
"""

import json
import sys
from collections import defaultdict

from django.core.management.base import BaseCommand

from quizzes.models import Attempt, AttemptItem, AttemptStatus

SAMPLES = 5


class Command(BaseCommand):
    help = "Check the morning drill's answers in the database (reads the driver's saves on stdin)."

    def handle(self, *args, **options):
        job = json.load(sys.stdin)
        if "checks" in job:
            answer = {"checks": [check(**one) for one in job["checks"]]}
        else:
            answer = check(**job)
        self.stdout.write(json.dumps(answer, ensure_ascii=False))


def check(*, drill_id: int, questions: int, usernames: list[str], acknowledged: list) -> dict:
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(
        drill_id=drill_id, person__user__username__in=usernames
    ).values("pk", "status", "person__user__username"):
        attempts[attempt["person__user__username"]].append(attempt)
    stored = {}  # (username, position) -> response, for answered items
    items = defaultdict(int)
    for item in AttemptItem.objects.filter(
        attempt__drill_id=drill_id, attempt__person__user__username__in=usernames
    ).values("attempt__person__user__username", "position", "answered_at", "response"):
        username = item["attempt__person__user__username"]
        items[username] += 1
        if item["answered_at"] is not None:
            stored[(username, item["position"])] = item["response"]

    problems = []
    lost = set()
    acknowledged_lost = 0
    unfinished = 0
    for username in usernames:
        mine = attempts.get(username, [])
        if len(mine) != 1 or mine[0]["status"] != AttemptStatus.FINISHED:
            unfinished += 1
            problems.append(
                f"{username}: {len(mine)} attempt(s), status {[a['status'] for a in mine]}"
            )
        elif items[username] != questions:
            unfinished += 1
            problems.append(f"{username}: {items[username]} item(s), not {questions}")
        for position in range(questions):
            if (username, position) not in stored:
                lost.add((username, position))
    for username, _attempt_id, position, response in acknowledged:
        key = (username, position)
        if key in stored and stored[key] != response:
            lost.add(key)
            acknowledged_lost += 1
            problems.append(f"{username} #{position}: saved {stored[key]}, sent {response}")
        elif key not in stored:
            acknowledged_lost += 1
            problems.append(f"{username} #{position}: acknowledged with 200, not in the database")
    missing = sorted(lost - {(a[0], a[2]) for a in acknowledged})
    if missing:
        problems.insert(0, f"{len(missing)} answer(s) missing, e.g. {missing[:SAMPLES]}")
    return {
        "trainees": len(usernames),
        "answers_expected": len(usernames) * questions,
        "answers_found": len(stored),
        "acknowledged": len(acknowledged),
        "lost_answers": len(lost),
        "acknowledged_lost": acknowledged_lost,
        "unfinished_attempts": unfinished,
        "problems": problems[:SAMPLES],
    }
