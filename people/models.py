from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class UnitKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("Head office")
    BRANCH = "branch", _("Branch")
    SUB_BRANCH = "sub_branch", _("Sub-branch")
    DEPARTMENT = "department", _("Department")
    TEAM = "team", _("Team")


class OrgUnit(MP_Node):
    """A unit of the organisation tree: head office, branches, sub-branches,
    departments and teams, to any depth. A manager of a unit sees its whole
    subtree (materialised path, so a subtree is one indexed prefix query)."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=50, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self):
        return self.name


class Grade(models.TextChoices):
    PROBATION = "probation", _("Probationary")
    JUNIOR = "junior", _("Junior customer manager")
    INTERMEDIATE = "intermediate", _("Intermediate customer manager")
    SENIOR = "senior", _("Senior customer manager")
    PRINCIPAL = "principal", _("Principal customer manager")


class GuidanceType(models.TextChoices):
    """The five kinds of personalised guidance (個性化指導) the trade talks about."""

    LACKS_CONFIDENCE = "lacks_confidence", _("Lacks confidence")
    HIGH_PERFORMER = "high_performer", _("High performer")
    LACKS_DRIVE = "lacks_drive", _("Lacks drive")
    COMPLACENT = "complacent", _("Complacent")
    STRONG_START_WEAK_FINISH = "strong_start_weak_finish", _("Starts strong, finishes weak")


class Person(models.Model):
    """A member of staff: the profile behind a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="person",
        verbose_name=_("user"),
    )
    employee_id = models.CharField(_("employee id"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="members", verbose_name=_("unit")
    )
    position = models.CharField(_("position"), max_length=100, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)
    guidance_type = models.CharField(
        _("guidance type"), max_length=30, choices=GuidanceType.choices, blank=True
    )
    managed_units = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="managers",
        verbose_name=_("manages"),
        help_text=_("A manager sees the whole subtree of every unit they manage."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["employee_id"]

    def __str__(self):
        return f"{self.name} ({self.employee_id})"


class RosterImport(models.Model):
    """One uploaded roster file: previewed first, then applied all at once."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        INVALID = "invalid", _("Has errors")
        APPLIED = "applied", _("Applied")

    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    summary = models.JSONField(_("summary"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]
        permissions = [("import_roster", _("Can import the staff roster"))]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"
