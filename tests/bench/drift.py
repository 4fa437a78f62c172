"""The baselines measured again at the end of a run, beside their first
measurement: every ratio of a run divides by the baselines of its start,
and on a shared machine the speed can change within minutes (a bare JSON
view served 947 to 2,151 req/s between runs of one hour). A run whose
baselines moved by more than DRIFT_WARNING between its start and its end
says so, and its ratios are not to be compared with another run's."""

from tests.bench.scenarios import BARE_INSERT, BARE_JSON

BASELINES = (BARE_JSON, BARE_INSERT)
DRIFT_WARNING = 0.2


def worth_measuring_again(names: list[str]) -> bool:
    """Whether a run of these scenarios has anything between its baselines' two measurements."""
    return any(name not in BASELINES for name in names)


def drift_rows(first: list[dict], again: list[dict]) -> list[dict]:
    """Each baseline's req/s at the start and at the end of the run, and the
    change (end / start - 1), from the rows of the two measurements."""
    started = {row["name"]: row["measured"]["rps"] for row in first if row["name"] in BASELINES}
    rows = []
    for row in again:
        name = row["name"]
        if name not in BASELINES or not started.get(name):
            continue
        end = row["measured"]["rps"]
        rows.append(
            {
                "name": name,
                "rps_start": started[name],
                "rps_end": end,
                "change": round(end / started[name] - 1, 3),
            }
        )
    return rows


def drifted(rows: list[dict]) -> bool:
    return any(abs(row["change"]) > DRIFT_WARNING for row in rows)


def drift_lines(rows: list[dict]) -> list[str]:
    lines = [
        f"{row['name']}: {row['rps_start']:,.1f} req/s at the start, {row['rps_end']:,.1f} "
        f"at the end ({row['change']:+.0%})"
        for row in rows
    ]
    if drifted(rows):
        lines.append(
            f"the baselines moved by more than {DRIFT_WARNING:.0%} during this run: the machine's "
            "speed changed, so its ratios are not comparable with another run's"
        )
    return lines
