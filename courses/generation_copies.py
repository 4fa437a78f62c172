"""Each process's own copies of what the shared cache keeps per generation
of the page tree (page_tree_cache: routes, a course's pages, the pages by
id). Such an entry never changes once written: its key names the
generation, and any change to the tree starts a new one. So a process may
keep what it read and skip the round trip to the cache the next time; a
course page made three of them. Kept as pickled bytes and loaded afresh on
each use, as from the shared cache, so no request sees another's changes
to a page object; the least recently used go first once LIMIT entries or
MAX_BYTES are kept (a course of 5,000 reviews makes one large entry).
Nothing here is needed by another process: it is only a copy."""

import pickle
import threading
from collections import OrderedDict

LIMIT = 2048
MAX_BYTES = 64 * 1024 * 1024


class GenerationCopies:
    def __init__(self, limit: int = LIMIT, max_bytes: int = MAX_BYTES):
        self.limit = limit
        self.max_bytes = max_bytes
        self._blobs: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get_many(self, keys) -> dict:
        """{key: a fresh copy of its value} of the keys held."""
        found = {}
        with self._lock:
            for key in keys:
                blob = self._blobs.get(key)
                if blob is not None:
                    self._blobs.move_to_end(key)
                    found[key] = blob
        return {key: pickle.loads(blob) for key, blob in found.items()}  # noqa: S301 (our own)

    def put_many(self, values: dict) -> None:
        """Hold these values (what the shared cache answered or was given)."""
        blobs = {key: pickle.dumps(value, pickle.HIGHEST_PROTOCOL) for key, value in values.items()}
        with self._lock:
            for key, blob in blobs.items():
                if len(blob) > self.max_bytes // 8:  # too large to be worth holding
                    continue
                self._bytes += len(blob) - len(self._blobs.get(key, b""))
                self._blobs[key] = blob
                self._blobs.move_to_end(key)
            while len(self._blobs) > self.limit or self._bytes > self.max_bytes:
                self._bytes -= len(self._blobs.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._blobs.clear()
            self._bytes = 0


copies = GenerationCopies()
