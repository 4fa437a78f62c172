"""Notifications: a notice to a person, in their language, with a link, read or
unread, also sent by e-mail in the background where the person has an address.

A building block below the apps (mentoring, training plans and certificates use
it); it knows only Django's user model. An app sends a notice through
``notifications.services.notice_send`` and reads counts through
``notifications.selectors``; people read their notices at ``/notices/``.
"""
