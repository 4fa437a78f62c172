"""Mastery of many people on a few days, as arrays: the outcomes of hundreds of
pairs compare each mentee with hundreds of colleagues, which is too many
look-ups one by one in Python (500 pairs took over 20 s that way).

numpy comes with scipy, which mentorship already uses for matching.
"""

from datetime import date

import numpy as np


class MasteryTable:
    """For each topic, a people x days array of mastery: the latest snapshot on
    or before each day, 0 before the first (nothing shown yet)."""

    def __init__(self, series, person_ids, topic_ids, days):
        self.rows = {person_id: i for i, person_id in enumerate(person_ids)}
        self.days = sorted(set(days))
        self.columns = {day: j for j, day in enumerate(self.days)}
        wanted = np.array([day.toordinal() for day in self.days])
        self.values = {
            topic_id: np.zeros((len(self.rows), len(self.days))) for topic_id in topic_ids
        }
        for person_id, topics in series.items():
            row = self.rows.get(person_id)
            if row is None:
                continue
            for topic_id, points in topics.items():
                if topic_id not in self.values or not points:
                    continue
                known = np.array([day.toordinal() for day, _m in points])
                mastery = np.array([m for _day, m in points])
                latest = np.searchsorted(known, wanted, side="right") - 1
                self.values[topic_id][row] = np.where(latest >= 0, mastery[latest], 0.0)

    def row_of(self, person_ids) -> np.ndarray:
        return np.array([self.rows[person_id] for person_id in person_ids], dtype=int)

    def mean(self, rows: np.ndarray, topic_ids, day: date) -> np.ndarray:
        """The mean mastery of `topic_ids` on `day` for the people at `rows`."""
        column = self.columns[day]
        return np.mean([self.values[topic_id][rows, column] for topic_id in topic_ids], axis=0)
