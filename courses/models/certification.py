"""Certification (資格認證): programmes that trainers define, the people enrolled
in them, and the certificates issued when a person meets a programme's
requirements. A certificate is never edited after issue: renewal issues a new
one (`renews` points back), revocation is recorded on it (who, when, why)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateTemplate(models.TextChoices):
    """The designs a programme's certificates are printed in (page and PDF)."""

    CLASSIC = "classic", _("Classic: framed, centred")
    MODERN = "modern", _("Modern: a band of colour on the left")
    FORMAL = "formal", _("Formal: double border, seal space")


class CertificationProgramme(models.Model):
    """What a person must do to be certified, how long it lasts and how it is renewed."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"), max_length=50, unique=True, help_text=_("Short and stable, for example aml-2y.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    required_courses = models.ManyToManyField(
        "courses.CoursePage", blank=True, related_name="+", verbose_name=_("required courses")
    )
    exam_drill = models.ForeignKey(
        "quizzes.Drill",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exam drill"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The exam's score, in per cent, at or above which it is passed."),
    )
    ce_hours_required = models.DecimalField(
        _("continuing-education hours"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Hours of courses completed (each course's continuing-education hours) needed "
            "besides the required courses. 0: none."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: the certificate does not expire."),
    )
    eligible_roles = models.JSONField(
        _("who may enrol"),
        default=list,
        blank=True,
        help_text=_("Roles whose people may enrol; empty: everyone."),
    )
    renewal_exam = models.BooleanField(
        _("renewal: pass the exam again"),
        default=True,
        help_text=_("An exam attempt passed since the certificate was issued."),
    )
    renewal_ce_hours = models.DecimalField(
        _("renewal: continuing-education hours"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Hours of courses completed since the certificate was issued. 0: none."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"), default=90
    )
    template = models.CharField(
        _("certificate design"),
        max_length=20,
        choices=CertificateTemplate.choices,
        default=CertificateTemplate.CLASSIC,
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signature image"),
    )
    signatory_name = models.CharField(_("signed by"), max_length=100, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=100, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("trainers of the programme"),
        help_text=_("They may edit the programme and revoke its certificates."),
    )
    active = models.BooleanField(
        _("open for enrolment"), default=True, help_text=_("Closed: no new enrolment.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgrammeEnrolment(models.Model):
    """A person working towards a programme's certificate."""

    # No index of its own: courses_programme_enrolment_unique leads with it.
    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("programme"),
        db_index=False,
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enrolled by"),
    )

    class Meta:
        verbose_name = _("programme enrolment")
        verbose_name_plural = _("programme enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="courses_programme_enrolment_unique"
            )
        ]
        indexes = [models.Index(fields=["person"], name="courses_enrolment_person")]

    def __str__(self):
        return f"{self.person_id} in {self.programme_id}"


class Certificate(models.Model):
    """One certificate as issued. Its status (valid, expired, revoked) is read
    from these fields on the day, never stored."""

    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    # No index of its own: courses_certificate_holder leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("holder"),
        db_index=False,
    )
    # What the public verification page looks up: unguessable (secrets), upper
    # case letters and digits without look-alikes, printed in groups of four.
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    holder_name = models.CharField(
        _("holder's name"), max_length=200, help_text=_("As printed, at issue.")
    )
    language = models.CharField(
        _("language"), max_length=10, help_text=_("The holder's language at issue.")
    )
    issued_at = models.DateTimeField(_("issued at"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    renews = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    basis = models.JSONField(
        _("requirements met"),
        default=dict,
        blank=True,
        help_text=_("What was met at issue: courses and their completion, the exam, hours."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    # The expiry notices sent (days before expiry: when), so each goes once.
    expiry_notices = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "programme"], name="courses_certificate_holder"),
            models.Index(fields=["expires_on"], name="courses_certificate_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="courses_certificate_revoked_with_reason",
            )
        ]

    def __str__(self):
        return f"{self.code} ({self.holder_name})"
