"""An optional read replica of the primary database, for dashboards and reports.

When DATABASE_REPLICA_URL is set, the host's settings add the database alias
"replica" (settings.REPLICAS_ALIAS) and install `replicas.router.ReplicaRouter`.
A view marked with `reading_from_replica` (GET and HEAD only) then reads every
query through the replica; everything else, every write and every request not
marked, stays on the primary ("default"). Without a replica the mark does
nothing.

- `reading_from_replica(view)`: the decorator for views. It loads the session
  and the signed-in user from the primary first (a replica a moment behind
  must not sign anyone out), then runs the view inside the context below.
- `replica_reads()`: the context manager underneath, for code that is not a
  view (a report built in a management command, for example).
- `primary_reads()`: back to the primary inside it, for reads that fill a
  cache kept beyond the request (people.viewer_cache, courses.page_tree_cache):
  filled from a replica that lags, it would hold old data under a new generation.
- `replica_alias()`: the alias reads go to right now ("default" outside).

The router sends writes to the primary even inside the context, and even for an
object that was read from the replica, so a request that reads from the
replica never writes through it. Figures on a page read from the replica may be
as old as the replica's lag.
"""

from .context import primary_reads, reading_from_replica, replica_alias, replica_reads

__all__ = ["primary_reads", "reading_from_replica", "replica_alias", "replica_reads"]
