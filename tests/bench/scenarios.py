"""What the benchmark measures: the baselines, then one entry per page.

To add a scenario, append a Scenario to SCENARIOS. If it needs someone signed
in, name a key of USERS in `login_as` (add the user there; `bench_setup`
creates it). A scenario with a `journey` is not one request repeated but a
scripted journey of many users (see MORNING_DRILL below and load.py).
Plain data only: the load driver imports this without Django.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class MorningLoad:
    """The load of a morning-drill scenario (load.py's MorningDrill): trainees
    arriving evenly over `spread_seconds`, each thinking `think_seconds` before
    each answer. One step is one drill; several (a capacity scenario) are run
    one after the other, each with its own trainees."""

    steps: tuple[int, ...]  # trainees of each step
    spread_seconds: float
    think_seconds: float
    warmup_users: int = 4  # warm-up journeys before the first step, without thinking
    # No request is sent later than this after a step's last arrival; None:
    # 120 s plus the thinking of a whole journey.
    journey_seconds: float | None = None
    # A capacity scenario: the report gives the largest step held within the
    # scenario's limit_ms (and each step), not one drill's numbers.
    capacity: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    method: str = "GET"
    login_as: str | None = None  # a key of USERS; signs in once per client
    body: dict[str, str] | None = None  # sent form-encoded
    expect: str | None = None  # text every response must contain (a redirect: its Location)
    journey: str | None = None  # a scripted multi-user journey instead (MORNING_DRILL)
    status: int | None = None  # the status every response must have; None: any 2xx
    note: str | None = None  # what a reader of the report must know about the number
    # The bound the issue sets, as data: the report marks the scenario OVER it
    # when the measured `limit_of` (p95_ms, or p50_ms for a timed run) exceeds it.
    limit_ms: float | None = None
    limit_of: str = "p95_ms"
    # Runs on the generated organisation (tests/bench/orgscale.py); its path may
    # name {team} and {course}, filled in from the generator's ids.
    orgscale: bool = False
    # Clients sending at once, back to back; None: the run's (BENCH_CONCURRENCY).
    clients: int | None = None
    # Paths to pick from at random for each request, filled in by run.py (for
    # example from bench_setup's facts); empty: `path` every time.
    paths: tuple[str, ...] = ()
    # Bounds on the other parts of a journey ({"finish": 500.0}): their p95 in ms.
    part_limits_ms: dict[str, float] | None = None
    # A floor on req/s as a share of a baseline's in the same run (0.5: at least
    # half of `floor_of`'s req/s); the report marks the scenario OVER when below.
    floor_ratio: float | None = None
    floor_of: str = "bare-insert"
    # The baseline this scenario's history line is a ratio of (its req/s ÷ theirs).
    baseline: str = "bare-json"
    # A morning-drill journey's load (journey=MORNING_DRILL); --smoke uses morning_smoke.
    morning: MorningLoad | None = None
    morning_smoke: MorningLoad | None = None


@dataclass(frozen=True)
class BenchUser:
    username: str
    role: str  # a people.roles.Role value
    name: str  # the Person's name, which pages greet them with
    employee_id: str
    made_by: str = "bench_setup"  # or "orgscale": made with the generated organisation


# The password of every bench user: the bench database is local and disposable.
PASSWORD = "bench-pass-word-0427"

USERS: dict[str, BenchUser] = {
    "trainee": BenchUser(
        username="bench-trainee", role="trainee", name="壓測學員", employee_id="BENCH0001"
    ),
    # Manages the bench team (bench_setup): the dashboard of a small team.
    "manager": BenchUser(
        username="bench-manager", role="manager", name="壓測主管", employee_id="BENCH0002"
    ),
    # The manager of the generated organisation's team of 200, and the trainer
    # of its course with 5,000 completions (tests/bench/orgscale_people.py).
    "org-manager": BenchUser(
        username="bench-os-manager",
        role="manager",
        name="壓測團隊主管",
        employee_id="OSMANAGER",
        made_by="orgscale",
    ),
    "org-trainer": BenchUser(
        username="bench-os-trainer",
        role="trainer",
        name="壓測內訓師",
        employee_id="OSTRAINER",
        made_by="orgscale",
    ),
}

BARE_JSON = "bare-json"
BARE_INSERT = "bare-insert"

# The morning drill (issue item 14): a team's trainees all open the same
# 10-question drill within a few seconds and answer it, arriving at a constant
# rate. Each journey signs in with its own session (made by bench_setup, see
# there why), starts the drill, saves MORNING_QUESTIONS answers one by one and
# finishes. Afterwards the database is checked for every answer.
MORNING_DRILL = "morning-drill"
MORNING_BURST = "morning-drill-burst"
MORNING_CAPACITY = "morning-capacity"
MORNING_USERNAME = "bench-morning-{:05d}"  # 1-based; run.py gives each phase its own range
MORNING_EMPLOYEE_ID = "BENCHM{:05d}"
MORNING_NAME = "晨練學員{:05d}"
MORNING_DRILL_TITLE = "壓測晨會一口清"
MORNING_QUESTIONS = 10
MORNING_TIME_LIMIT = 600  # seconds: long enough that no answer of the bench is late
# Bounds on what one run may ask: trainees of one phase (a step and the
# warm-up), and of bench_setup in all (every morning scenario and step has its
# own trainees: 11,500 for the capacity steps alone).
MORNING_MAX_USERS = 5_200
MORNING_SETUP_MAX_USERS = 30_000
# The bounds on the morning drill (issue 16, item 1).
MORNING_SAVE_P95_MS = 250.0
MORNING_FINISH_P95_MS = 500.0
MORNING_BURST_FLOOR = 0.5  # saves/s at least half of bare-insert's req/s
MORNING_PATH = "/api/quizzes/drills/{drill}/attempts, /attempts/{attempt}/answers x 10, .../finish"

# The course pages (issue item: course, case and catalogue). bench_setup builds
# the catalogue under the site's root page, one course of COURSE_LESSONS
# lessons and a case with two decision points; the bench trainee is enrolled,
# has done COURSE_LESSONS_DONE lessons and made the case's first decision, so
# the pages show progress and both states of a decision point.
CATALOGUE_SLUG = "courses"
COURSE_SLUG = "bench-course"
COURSE_TITLE = "壓測課程：贏得企業客戶"
COURSE_LESSONS = 10
COURSE_LESSONS_DONE = 3
CASE_SLUG = "bench-case"
CASE_TITLE = "壓測案例：某精密製造企業的代發工資"
CATALOGUE_PATH = f"/{CATALOGUE_SLUG}/"
COURSE_PATH = f"{CATALOGUE_PATH}{COURSE_SLUG}/"
CASE_PATH = f"{COURSE_PATH}{CASE_SLUG}/"
LESSON_PATH = f"{COURSE_PATH}lesson-01/"
LESSON_TITLE = "第 1 課：從報表讀懂企業客戶"
# A risk case review the bench trainee may read (confidential), in a risk
# review course of BENCH_RISK_REVIEWS reviews (tests/bench/benchapp/risk_reviews.py).
REVIEW_COURSE_SLUG = "bench-risk-reviews"
REVIEW_SLUG = "bench-review"
REVIEW_TITLE = "壓測風險案例：應收賬款質押的流動資金貸款"
REVIEW_PATH = f"/{REVIEW_COURSE_SLUG}/{REVIEW_SLUG}/"
RISK_REVIEWS_DEFAULT = 10

# Mentor suggestions (issue 13, item 12): not an HTTP load but one whole
# suggestion run timed in process (manage.py bench_matching, tests/bench/
# matching.py), since a run is one manager's single request. run.py runs it
# after the HTTP scenarios and reports it beside them, with the solve apart.
MATCHING_RUN = "mentoring-suggestions"

# Issue 14, item 8: on an organisation of 100,000 trainees and 10 million
# answers made by tests/bench/orgscale.py. The manager dashboard of the team of
# 200 and the effectiveness page of the course with 5,000 completions are HTTP
# loads; the nightly full rollup of the whole organisation and an incremental
# one after a day's answers (one per five people) are timed in process
# (manage.py bench_rollups), before the HTTP scenarios, so the dashboard reads
# the figures they computed. A page whose route is not there yet, or a missing
# rollup_run, is reported "not available" instead of measured.
VERIFY = "verify-certificate"
VERIFY_PATH = "/verify/{code}/"
DASHBOARD = "manager-dashboard"
EFFECTIVENESS = "course-effectiveness"
ROLLUP_FULL = "rollup-full"
ROLLUP_INCREMENTAL = "rollup-incremental"
ROLLUPS = (ROLLUP_FULL, ROLLUP_INCREMENTAL)
DASHBOARD_PATH = "/dashboard/?unit={team}"
EFFECTIVENESS_PATH = "/learning/effectiveness/{course}/"

# Issue 16, item 5 (tests/bench/cluster.py): the morning drill spread across
# two web servers while two django-q2 clusters share a burst of background
# jobs on Redis; run after the other scenarios, on servers of its own.
CLUSTER = "cluster"

SCENARIOS: list[Scenario] = [
    # Baselines first: every other scenario is reported as a ratio of them.
    Scenario(BARE_JSON, "/bench/bare-json/", expect='"ok": true'),
    Scenario(BARE_INSERT, "/bench/bare-insert/", method="POST", expect='"ok": true'),
    Scenario("home-trainee", "/", login_as="trainee", expect=USERS["trainee"].name),
    Scenario("course-trainee", COURSE_PATH, login_as="trainee", expect=COURSE_TITLE),
    Scenario("case-trainee", CASE_PATH, login_as="trainee", expect=CASE_TITLE),
    # The catalogue is open to visitors who are not signed in and served to them
    # from the cache (courses.catalogue_cache), which is what this measures.
    Scenario(
        "catalogue-anonymous",
        CATALOGUE_PATH,
        expect=COURSE_TITLE,
        note="from the cache for visitors who are not signed in",
    ),
    Scenario("catalogue-trainee", CATALOGUE_PATH, login_as="trainee", expect=COURSE_TITLE),
    Scenario("lesson-trainee", LESSON_PATH, login_as="trainee", expect=LESSON_TITLE),
    Scenario(
        "review-trainee",
        REVIEW_PATH,
        login_as="trainee",
        expect=REVIEW_TITLE,
        note="a confidential risk case review among BENCH_RISK_REVIEWS (10; 5,000 to measure "
        "the confidentiality check at scale)",
    ),
    Scenario("drills-trainee", "/drills/", login_as="trainee", expect=USERS["trainee"].name),
    Scenario("mentoring-trainee", "/mentoring/", login_as="trainee", expect=USERS["trainee"].name),
    Scenario(
        "dashboard-manager",
        "/dashboard/",
        login_as="manager",
        expect=USERS["manager"].name,
        note="the manager dashboard of the bench team (two people)",
    ),
    Scenario(
        MORNING_DRILL,
        MORNING_PATH,
        method="POST",
        journey=MORNING_DRILL,
        limit_ms=MORNING_SAVE_P95_MS,
        part_limits_ms={"finish": MORNING_FINISH_P95_MS},
        baseline=BARE_INSERT,
        morning=MorningLoad(steps=(2_000,), spread_seconds=60.0, think_seconds=5.0),
        morning_smoke=MorningLoad(
            steps=(20,), spread_seconds=1.0, think_seconds=0.1, warmup_users=2
        ),
        note="a large branch at the morning meeting; save p95 at most 250 ms, "
        "finish p95 at most 500 ms, no errors, no lost answers",
    ),
    Scenario(
        MORNING_BURST,
        MORNING_PATH,
        method="POST",
        journey=MORNING_DRILL,
        floor_ratio=MORNING_BURST_FLOOR,
        floor_of=BARE_INSERT,
        baseline=BARE_INSERT,
        morning=MorningLoad(steps=(200,), spread_seconds=1.0, think_seconds=0.0),
        morning_smoke=MorningLoad(
            steps=(20,), spread_seconds=0.5, think_seconds=0.0, warmup_users=2
        ),
        note="no thinking time: the server's throughput of whole journeys; "
        "saves/s at least 0.5 of bare-insert's req/s",
    ),
    Scenario(
        MORNING_CAPACITY,
        MORNING_PATH,
        method="POST",
        journey=MORNING_DRILL,
        # Not a bound but what a step must keep to count as held (no errors,
        # no lost answers either); the result is the largest step held.
        limit_ms=MORNING_SAVE_P95_MS,
        baseline=BARE_INSERT,
        morning=MorningLoad(
            steps=(500, 1_000, 2_000, 3_000, 5_000),
            spread_seconds=60.0,
            think_seconds=5.0,
            capacity=True,
        ),
        morning_smoke=MorningLoad(
            steps=(10, 20), spread_seconds=1.0, think_seconds=0.1, warmup_users=2, capacity=True
        ),
        note="the morning drill at growing sizes, each step its own trainees; capacity: the "
        "largest step held at save p95 at most 250 ms, with no errors and no lost answers, "
        "every smaller step held too",
    ),
    Scenario(
        MATCHING_RUN,
        "manage.py bench_matching: 1,000 mentees, 200 mentors x 5 places, load+score+solve+save",
        method="-",
        journey=MATCHING_RUN,
        note="timed in process, one run at a time; its p50 is the whole run, at most 1,000 ms",
    ),
    Scenario(
        VERIFY,
        VERIFY_PATH,
        status=200,
        note="the public verification page, not signed in, for codes drawn at random from 1,000 "
        "certificates (one in ten revoked, one in ten expired)",
    ),
    Scenario(
        DASHBOARD,
        DASHBOARD_PATH,
        login_as="org-manager",
        limit_ms=300.0,
        orgscale=True,
        # Four managers opening it back to back, without a pause: on 2 workers
        # the run's 8 would measure the queue, not a manager's wait.
        clients=4,
        note="the team of 200 of the generated organisation, as its manager, 4 clients at once; "
        "p95 at most 300 ms",
    ),
    Scenario(
        EFFECTIVENESS,
        EFFECTIVENESS_PATH,
        login_as="org-trainer",
        orgscale=True,
        note="the course with 5,000 completions in 12 monthly cohorts, as its trainer",
    ),
    Scenario(
        ROLLUP_FULL,
        'manage.py bench_rollups: rollup_run(kind="full") for the whole organisation',
        method="-",
        journey=ROLLUP_FULL,
        limit_ms=60_000.0,
        limit_of="p50_ms",
        orgscale=True,
        note="timed in process, one run; its p50 is the whole run, at most 60 s",
    ),
    Scenario(
        ROLLUP_INCREMENTAL,
        'manage.py bench_rollups: rollup_run(kind="incremental") after a day\'s answers',
        method="-",
        journey=ROLLUP_INCREMENTAL,
        limit_ms=5_000.0,
        limit_of="p50_ms",
        orgscale=True,
        note="timed in process after the full run and one answer per five people; at most 5 s",
    ),
    Scenario(
        CLUSTER,
        "2 gunicorn + 2 qcluster: the morning drill round robin, plus 2,000 background jobs",
        method="POST",
        journey=CLUSTER,
        baseline=BARE_INSERT,
        # The morning drill's pace, the trainees round robin across both servers.
        morning=MorningLoad(steps=(2_000,), spread_seconds=60.0, think_seconds=5.0),
        morning_smoke=MorningLoad(
            steps=(20,), spread_seconds=1.0, think_seconds=0.1, warmup_users=2
        ),
        note="no errors, no lost answers, every background job run exactly once",
    ),
]

# Issue 16, item 4: "what is due for me" (quizzes.selectors.due_queue) for one
# of 10,000 trainees holding 200 memory states each, timed in process by
# manage.py bench_due_queue (tests/bench/duequeue.py makes the data, in its
# own database lianbing_bench_duequeue; duequeue_measure.py times it) after
# the HTTP scenarios. A call of more than one query counts as an error.
DUE_QUEUE = "due-queue"
SCENARIOS.append(
    Scenario(
        DUE_QUEUE,
        "manage.py bench_due_queue: due_queue(person) for 10,000 trainees x 200 memory states",
        method="-",
        journey=DUE_QUEUE,
        limit_ms=5.0,
        note="timed in process for trainees drawn at random, warm cache (zones in Redis); "
        "one query a call; p95 at most 5 ms",
    )
)
