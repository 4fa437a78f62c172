"""The manager dashboard (/dashboard/): the host decides whose figures a user
may see (scope.py) and composes the apps' sections (frame.dashboard) in its frame."""
