from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactSheet(models.Model):
    """A territory fact sheet uploaded by a manager, for one person or a team.
    Only that person (or the team's members) and their managers see it."""

    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("fact sheet")
        verbose_name_plural = _("fact sheets")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) ^ models.Q(unit__isnull=False),
                name="quizzes_factsheet_one_subject",
            )
        ]

    def __str__(self):
        return self.file_name


class Fact(models.Model):
    sheet = models.ForeignKey(FactSheet, on_delete=models.CASCADE, related_name="facts")
    row = models.PositiveIntegerField()
    entity = models.CharField(_("entity"), max_length=200)
    attribute = models.CharField(_("attribute"), max_length=200)
    value = models.CharField(_("value"), max_length=200)
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    unit_label = models.CharField(_("unit"), max_length=50, blank=True)
    as_of = models.DateField(_("as of"))

    class Meta:
        ordering = ["sheet", "row"]

    def __str__(self):
        return f"{self.entity} · {self.attribute}: {self.value}"


class FactTemplate(models.Model):
    """Turns the facts of one attribute into recall questions."""

    class Kind(models.TextChoices):
        NUMERIC = "numeric", _("Recall the number (with a tolerance)")
        CHOICE = "choice", _("Pick the entity among the team's own")

    attribute = models.CharField(
        _("attribute"),
        max_length=200,
        help_text=_("The attribute column this template asks about."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMERIC)
    stem = models.CharField(
        _("question text"),
        max_length=500,
        help_text=_(
            "Placeholders: {entity}, {attribute}, {unit}, {as_of}, {value}. A choice question "
            "with {value} asks whose value it is; without it, who has the highest."
        ),
    )
    tolerance = models.FloatField(_("tolerance"), default=5)
    tolerance_kind = models.CharField(
        _("tolerance kind"),
        max_length=10,
        choices=[("percent", _("percent")), ("absolute", _("absolute"))],
        default="percent",
    )
    topic = models.ForeignKey("quizzes.Topic", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("quizzes.Category", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("fact question template")
        verbose_name_plural = _("fact question templates")

    def __str__(self):
        return f"{self.attribute} · {self.get_kind_display()}"
