"""Wagtail's and Django's own messages that the host site translates again.

Their zh_Hant catalogs use mainland words in places (登錄 for 登入, 搜索 for
搜尋, 用戶 for 使用者 ...). The host site's catalog comes first in LOCALE_PATHS,
so its translation of these messages is the one shown, in the words of the
glossary (hanzi/terms.toml); listing them here keeps `make messages` from
dropping them. tests/site/test_terms.py finds every upstream message that needs
this and fails while one is missing.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("Your %(username_field)s and password didn't match. Please try again."),
    gettext_noop("Search term"),
    gettext_noop("Search"),
    gettext_noop("You cannot have multiple permission records for the same collection."),
    gettext_noop("Settings"),
    gettext_noop("Login"),
    gettext_noop("Set your new password"),
    gettext_noop("The password reset link was invalid, possibly because it has already been used."),
    gettext_noop("Request a new password reset"),
    gettext_noop(
        "A link to reset your password has been emailed to you if an account exists for this address."
    ),
    gettext_noop("Your username (in case you've forgotten):"),
    gettext_noop("You can edit the privacy settings on:"),
    gettext_noop("Privacy settings determine who is able to view documents in this collection."),
    gettext_noop("Privacy"),
    gettext_noop(
        'No collections have been created. Why not <a href="%(add_collection_url)s">add one</a>?'
    ),
    gettext_noop("Sign in"),
    gettext_noop("Sign in to Wagtail"),
    gettext_noop("Signing in…"),
    gettext_noop("Create a page in %(title)s"),
    gettext_noop("Create a page in"),
    gettext_noop("Choose which type of page you'd like to create."),
    gettext_noop("Enter a search term above"),
    gettext_noop("Other searches"),
    gettext_noop("Privacy changes apply to all children of this page too."),
    gettext_noop("Collection '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("Page '%(page_title)s' created."),
    gettext_noop("Page '%(page_title)s' created and scheduled for publishing."),
    gettext_noop("Page '%(page_title)s' created and published."),
    gettext_noop("Page '%(page_title)s' created and submitted for moderation."),
    gettext_noop("Landing page"),
    gettext_noop("Delete form data %(title)s"),
    gettext_noop("Delete form data"),
    gettext_noop(
        "Recommended. Permanent redirects ensure search engines forget the old page (the 'Redirect from') and index the new page instead."
    ),
    gettext_noop("created at"),
    gettext_noop(
        'No redirects have been created. Why not <a href="%(wagtailredirects_add_redirect_url)s">add one</a>?'
    ),
    gettext_noop("The redirect could not be created due to errors."),
    gettext_noop("Search redirects"),
    gettext_noop("Wagtail search promotions"),
    gettext_noop("Please specify at least one recommendation for this search term."),
    gettext_noop("search promotion"),
    gettext_noop("Are you sure you want to delete all promoted results for this search term?"),
    gettext_noop("Promoted search results"),
    gettext_noop(
        'No promoted results have been created. Why not <a href="%(wagtailsearchpromotions_add_url)s">add one</a>?'
    ),
    gettext_noop("Search term(s)"),
    gettext_noop("Promoted search result"),
    gettext_noop("Editor's picks for '%(query)s' created."),
    gettext_noop("Success message"),
    gettext_noop("Warning message"),
    gettext_noop("Error message"),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    gettext_noop("Filesize"),
    gettext_noop("Created"),
    gettext_noop(
        "There seems to be a problem with your embedly API key. Please check your settings."
    ),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ),
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop("uploaded by user"),
    gettext_noop("The image could not be created due to errors."),
    gettext_noop("user"),
    gettext_noop("latest revision created at"),
    gettext_noop(
        "Set this to something other than 80 if you need a specific port number to appear in URLs (e.g. development on port 8000). Does not affect request handling (so port forwarding still works)."
    ),
    gettext_noop(
        "%(hostname)s is already configured as the default site. You must unset that before you can save this site as default."
    ),
    gettext_noop("Private, accessible to users in specific groups"),
    gettext_noop(
        "Active tasks can be added to workflows. Deactivating a task does not remove it from existing workflows."
    ),
    gettext_noop("Your username and password didn't match. Please try again."),
    gettext_noop(
        "Your account doesn't have access to this page. To proceed, please log in with an account that has access."
    ),
    gettext_noop("Site '%(object)s' created."),
    gettext_noop("You cannot have multiple permission records for the same page."),
    gettext_noop(
        'There are no users configured. Why not <a href="%(wagtailusers_add_url)s">add some</a>?'
    ),
    gettext_noop("Search groups"),
    gettext_noop("Group '%(object)s' created."),
    gettext_noop("User '%(object)s' created."),
    gettext_noop("Raw binary data"),
    gettext_noop(
        "Future %(verbose_name_plural)s not available because %(class_name)s.allow_future is False."
    ),
    gettext_noop(
        'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.'
    ),
    gettext_noop("Connect, get help, or contribute"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Your password has been set.  You may go ahead and log in now."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("This account is inactive."),
    gettext_noop(
        "Designates that this user has all permissions without explicitly assigning them."
    ),
    gettext_noop(
        "The groups this user belongs to. A user will get all permissions granted to each of their groups."
    ),
    gettext_noop("Designates whether the user can log into this admin site."),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."
    ),
    # Untranslated in Wagtail's zh_Hant catalog: the page a signed-in person without
    # admin access lands on (Wagtail's sign-in page, with this message).
    gettext_noop("You do not have permission to access the admin."),
    # Untranslated in Wagtail's zh_Hant catalog, on every admin page (shown without JavaScript).
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> "
        'Here are the <a href="https://www.enable-javascript.com/" target="_blank" '
        'rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
)
