"""Wagtail and frame hooks of dashboard (imported by courses/wagtail_hooks/__init__.py)."""
