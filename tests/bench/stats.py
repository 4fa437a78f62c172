"""Turn one measured phase into the numbers the report shows."""

import statistics


def percentile_ms(sorted_seconds: list[float], pct: int) -> float | None:
    """The pct-th percentile in milliseconds, interpolated between samples
    (statistics.quantiles' inclusive method); None without samples."""
    if not sorted_seconds:
        return None
    if len(sorted_seconds) == 1:
        return sorted_seconds[0] * 1000
    cuts = statistics.quantiles(sorted_seconds, n=100, method="inclusive")
    return cuts[pct - 1] * 1000


def summarize(*, latencies: list[float], errors: int, elapsed: float) -> dict:
    """`latencies` in seconds, one per request, failed ones included."""
    ordered = sorted(latencies)
    requests = len(ordered)
    return {
        "requests": requests,
        "errors": errors,
        "seconds": round(elapsed, 3),
        "rps": round(requests / elapsed, 1) if elapsed > 0 else 0.0,
        "p50_ms": _round(percentile_ms(ordered, 50)),
        "p95_ms": _round(percentile_ms(ordered, 95)),
        "p99_ms": _round(percentile_ms(ordered, 99)),
        "max_ms": _round(ordered[-1] * 1000 if ordered else None),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def part_means(values: list[float], parts: int) -> list[float]:
    """The means of `values` cut in `parts` consecutive parts of equal length
    (the last takes the remainder): whether a cost grows over a run."""
    if not values:
        return []
    parts = min(parts, len(values))
    size = len(values) // parts
    cuts = [index * size for index in range(parts)] + [len(values)]
    return [sum(values[a:b]) / (b - a) for a, b in zip(cuts, cuts[1:], strict=False)]
