"""A refused decision, kept in the learner's session until the case page shows it
once, beside its decision point, with what they chose and wrote."""

KEY = "courses:decision-draft:{}"


def decision_draft_keep(request, point, *, option: int, reasoning: str, refused) -> None:
    request.session[KEY.format(point.pk)] = {
        "option": option,
        # Kept whole to give back (refused for length or not); bounded for the session.
        "reasoning": reasoning[:20000],
        "error": refused.message,
        "field": refused.field or "option",
    }


def decision_drafts_pop(request, points) -> dict:
    """The drafts kept at `points`, by point id; each is shown once."""
    session = getattr(request, "session", None)
    if session is None:
        return {}
    drafts = {}
    for point in points:
        draft = session.pop(KEY.format(point.pk), None)
        if draft:
            drafts[point.pk] = draft
    return drafts
