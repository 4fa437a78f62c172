"""How close two people sit in the organisation tree, from their units'
materialised paths (treebeard: a fixed number of characters per level)."""

SAME_UNIT = "same_unit"
SAME_SUB_BRANCH = "same_sub_branch"
SAME_BRANCH = "same_branch"
FAR = "far"

PROXIMITY = {SAME_UNIT: 1.0, SAME_SUB_BRANCH: 0.6, SAME_BRANCH: 0.3, FAR: 0.0}


def common_ancestor(path_a: str, path_b: str, steplen: int) -> str:
    """The path of the lowest unit both paths lie under (themselves included)."""
    depth = 0
    for level in range(min(len(path_a), len(path_b)) // steplen):
        start = level * steplen
        if path_a[start : start + steplen] != path_b[start : start + steplen]:
            break
        depth = level + 1
    return path_a[: depth * steplen]


def distance_code(path_a: str, path_b: str, kinds: dict[str, str], steplen: int) -> str:
    """SAME_UNIT, SAME_SUB_BRANCH, SAME_BRANCH or FAR; `kinds` maps unit paths
    to OrgUnit.kind. Two teams of one sub-branch share the sub-branch; a team
    and its own sub-branch's office too."""
    if path_a == path_b:
        return SAME_UNIT
    common = common_ancestor(path_a, path_b, steplen)
    found = {kinds.get(common[:end]) for end in range(steplen, len(common) + 1, steplen)}
    if "sub_branch" in found:
        return SAME_SUB_BRANCH
    if "branch" in found:
        return SAME_BRANCH
    return FAR
