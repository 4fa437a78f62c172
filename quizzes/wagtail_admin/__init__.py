"""The quizzes app's screens in the Wagtail admin: viewsets and their forms,
the drill chooser, item analysis, and question import and export. Loaded by
wagtail_hooks.

Not named `admin`: django.contrib.admin is installed and its autodiscover
imports `<app>.admin` of every app at start-up, which would load these Wagtail
screens (and the analysis hooks they register) outside Wagtail's own hook loading.
"""
