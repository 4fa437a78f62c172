"""Wagtail and frame hooks of certification (imported by courses/wagtail_hooks/__init__.py):
the admin screens where trainers and administrators define programmes, the
navigation to a manager's view, the home panel, the training-record section
and the audit log's word for a revocation.

Programmes: trainers see, edit and delete only the programmes they are
trainers of (courses.selectors.certificates.programmes_managed_by, through
scopedadmin on every view: listing, edit, delete, history, usage, export);
whoever creates a programme becomes one of its trainers. The role groups'
model permissions come from courses/migrations/0016_certification_permissions.py."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from frame import HomePanel, NavItem, RecordSection, named_url
from people.roles import Role
from people.selectors import people_with_role, person_for_user
from quizzes.selectors.plan_drills import drills_open
from scopedadmin import ScopedModelViewSet

from ..admin_delete import DeleteRefusedInUse
from ..models import CertificationProgramme, CoursePage
from ..selectors.certificates import programmes_managed_by
from ..selectors.certification import (
    certificates_of,
    may_follow_certification,
    programmes_of_person,
    progress_for,
    with_status,
)
from ..selectors.certification_rows import certification_concerns
from ..services.certification import REVOKE_ACTION


class ProgrammeForm(WagtailAdminModelForm):
    eligible_roles = forms.MultipleChoiceField(
        label=_("Who may enrol"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone."),
    )

    class Meta:
        model = CertificationProgramme
        fields = [
            "name", "code", "description", "active", "eligible_roles", "required_courses",
            "exam_drill", "pass_mark", "ce_hours_required", "validity_months", "renewal_exam",
            "renewal_ce_hours", "renewal_window_days", "trainers", "template",
            "signatory_name", "signatory_title", "signature_image",
        ]  # fmt: skip
        widgets = {"required_courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_courses"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["exam_drill"].queryset = drills_open()
        trainer_users = people_with_role(Role.TRAINER).values("user_id")
        self.fields["trainers"].queryset = get_user_model().objects.filter(pk__in=trainer_users)

    def clean(self):
        data = super().clean()
        has_exam = bool(data.get("exam_drill"))
        if not data.get("required_courses") and not has_exam and not data.get("ce_hours_required"):
            self.add_error(
                "required_courses",
                _(
                    "Name at least one requirement: a course, the exam or continuing-education hours."
                ),
            )
        if data.get("validity_months"):
            renews_by_exam = data.get("renewal_exam") and has_exam
            if not renews_by_exam and not data.get("renewal_ce_hours"):
                self.add_error(
                    "renewal_exam",
                    _(
                        "A certificate that expires needs a way to be renewed: the exam "
                        "(choose an exam drill) or continuing-education hours."
                    ),
                )
        return data


class ProgrammeCreateView(generic.CreateView):
    def save_instance(self):
        programme = super().save_instance()
        programme.trainers.add(self.request.user)  # the creator keeps access to it
        return programme


class ProgrammeDeleteView(DeleteRefusedInUse):
    """A programme with certificates stays: they are verified against it."""

    def refusal(self):
        count = self.object.certificates.count()
        if not count:
            return None
        return ngettext(
            "The programme “%(name)s” has issued %(count)d certificate, so it was not "
            "deleted. Close it for enrolment instead.",
            "The programme “%(name)s” has issued %(count)d certificates, so it was not "
            "deleted. Close it for enrolment instead.",
            count,
        ) % {"name": self.object.name, "count": count}


class ProgrammeViewSet(ScopedModelViewSet):
    model = CertificationProgramme
    icon = "success"
    menu_label = _("Certification programmes")
    menu_order = 330
    add_to_admin_menu = True
    scope = staticmethod(programmes_managed_by)
    form_fields = ProgrammeForm.Meta.fields
    add_view_class = ProgrammeCreateView
    delete_view_class = ProgrammeDeleteView
    list_display = ["name", "code", "validity_months", "active"]
    list_filter = ["active"]
    list_export = ["name", "code", "validity_months", "pass_mark", "active"]
    search_fields = ["name", "code"]
    ordering = "name"
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return ProgrammeForm


programme_viewset = ProgrammeViewSet("certification_programmes")


@hooks.register("register_admin_viewset")
def register_programme_viewset():
    return programme_viewset


@hooks.register("register_log_actions")
def certification_log_actions(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke certificate"), _("Certificate revoked"))


@hooks.register("lianbing_navigation")
def certification_navigation(user):
    """The certification of a manager's people."""
    if not may_follow_certification(user):
        return []
    return [NavItem(_("Certification"), named_url("courses:certification_people"), order=27)]


@hooks.register("lianbing_home_panels")
def my_certification_panel(user):
    """The trainee's latest certificate of each programme with its status, and
    their progress towards the programmes they are still working on."""
    person = person_for_user(user)
    if person is None:
        return []
    # One query when certification is not in use: no programme open, none of theirs.
    if not certification_concerns(person):
        return []
    programmes = list(programmes_of_person(person))
    today = timezone.localdate()
    latest = {}
    for certificate in with_status(certificates_of(person), today=today):
        latest.setdefault(certificate.programme_id, certificate)
    progress = progress_for(programmes, [person.pk], today=today)
    working = [
        progress[(p.pk, person.pk)]
        for p in programmes
        if p.pk not in latest or latest[p.pk].status == "revoked"
    ]
    context = {"certificates": list(latest.values()), "progress": working}
    return [
        HomePanel(_("My certification"), "courses/panels/my_certificates.html", context, order=7)
    ]


@hooks.register("lianbing_training_record_sections")
def certification_record_section(person, viewer):
    """Every certificate of the person, with its status, newest first; none
    for someone who holds none (like the other sections that have no rows)."""
    certificates = with_status(certificates_of(person))
    if not certificates:
        return []
    return [
        RecordSection(
            _("Certificates"),
            "courses/record/certificates.html",
            {"certificates": certificates},
            order=42,
        )
    ]
