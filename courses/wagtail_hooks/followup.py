"""Wagtail and frame hooks of followup (imported by courses/wagtail_hooks/__init__.py)."""
