"""The forms of 兩案例: writing a case (Markdown, with attachments under the
rules of any document), a comment or a decision, and the course a case
becomes a page under. The services decide what is valid; their errors come
back on their fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from markup.widgets import MarkdownTextarea

from ..models.pages import CaseOutcome
from ..selectors.case_submissions import promotion_parents_for
from ..services.case_submissions import attachment_check


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once, each checked as a document would be."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned, errors = [], []
        for upload in files:
            try:
                upload = super().clean(upload, initial)
                attachment_check(upload)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """A ValidationError of a service, on its fields where it names them."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class SubmissionForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CaseOutcome.choices, widget=forms.RadioSelect
    )
    client_profile = forms.CharField(
        label=_("Client profile"),
        help_text=_("Who the client is, without their name or anything that identifies them."),
        widget=MarkdownTextarea(attrs={"rows": 6}),
    )
    what_was_done = forms.CharField(
        label=_("What was done"), widget=MarkdownTextarea(attrs={"rows": 8})
    )
    how_it_went = forms.CharField(
        label=_("How it went"), widget=MarkdownTextarea(attrs={"rows": 8})
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=MarkdownTextarea(attrs={"rows": 6})
    )
    attachments = MultipleFileField(
        label=_("Add attachments"),
        required=False,
        help_text=_(
            "Files of the case, such as a proposal or a spreadsheet, without client names."
        ),
    )
    remove = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, submission=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submission is None:
            del self.fields["remove"]
        else:
            attachments = submission.attachments.select_related("document")
            self.fields["remove"].queryset = attachments
            self.fields["remove"].label_from_instance = lambda a: a.document.title
            if not attachments.exists():
                del self.fields["remove"]


class CommentForm(ServiceErrorsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=MarkdownTextarea(attrs={"rows": 4})
    )


class PromoteForm(ServiceErrorsMixin, forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Course"),
        queryset=None,
        help_text=_("The case becomes a draft case study page of this course."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = promotion_parents_for(user)
