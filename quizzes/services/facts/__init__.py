"""Territory fact sheets (一口清 on one's own territory).

A manager uploads a CSV or XLSX sheet of facts for one person or one team:
columns entity, attribute, value, unit, as-of date (English or Chinese
headers, see COLUMN_ALIASES). Fact templates (FactTemplate) turn the facts of
an attribute into recall questions that only that person, or that team's
members, are asked:

- a numeric template asks for the value of each row, graded with the
  template's tolerance;
- a choice template whose question text contains {value} asks, for each row,
  whose value it is: the right entity and up to three other entities of the
  same sheet;
- a choice template without {value} asks which entity has the highest value
  of the attribute: one question per attribute and sheet.

The upload is all-or-nothing. A new sheet for the same person or team
replaces the current one: questions still asked about are updated (a new
version when somebody has answered the old one), new ones are created, and
those about rows no longer in the sheet are retired.
"""

from .questions import facts_questions_plan, facts_refresh_questions
from .sheets import (
    COLUMN_ALIASES,
    COLUMN_LABELS,
    FACTS_MAX_BYTES,
    FACTS_MAX_ROWS,
    FactProblem,
    FactRow,
    FactSheetInvalid,
    fact_sheet_encoding,
    fact_sheet_preview,
)
from .specs import QuestionSpec, RefreshSummary
from .upload import fact_sheet_apply, may_upload_facts_for

__all__ = [
    "COLUMN_ALIASES",
    "COLUMN_LABELS",
    "FACTS_MAX_BYTES",
    "FACTS_MAX_ROWS",
    "FactProblem",
    "FactRow",
    "FactSheetInvalid",
    "QuestionSpec",
    "RefreshSummary",
    "fact_sheet_apply",
    "fact_sheet_encoding",
    "fact_sheet_preview",
    "facts_questions_plan",
    "facts_refresh_questions",
    "may_upload_facts_for",
]
