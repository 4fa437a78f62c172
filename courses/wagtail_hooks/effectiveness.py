"""Wagtail and frame hooks of effectiveness (imported by courses/wagtail_hooks/__init__.py)."""
