"""Wagtail and frame hooks of plans (imported by courses/wagtail_hooks/__init__.py)."""
