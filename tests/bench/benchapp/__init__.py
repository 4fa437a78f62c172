"""Bench-only app: the two baseline views, their table and the `bench_setup`
command. Installed only by hostsite.settings.bench, never in a real site."""
