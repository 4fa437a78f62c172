"""Wagtail and frame hooks of results (imported by courses/wagtail_hooks/__init__.py)."""
