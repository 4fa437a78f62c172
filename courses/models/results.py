"""Business results (the fourth level of the follow-up): figures per person and
month for measures an administrator defines (deposits, new customers, visits)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BusinessMeasure(models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        allow_unicode=True,
        help_text=_("The column name in imported files."),
    )
    unit_label = models.CharField(
        _("unit"), max_length=20, blank=True, help_text=_("For example 萬元 or 戶.")
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("business measure")
        verbose_name_plural = _("business measures")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FigureSource(models.TextChoices):
    HAND = "hand", _("Entered by hand")
    IMPORT = "import", _("Imported")


class BusinessFigure(models.Model):
    # No index of its own: courses_figure_unique leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,
    )
    # No index of its own: courses_figure_month leads with it.
    measure = models.ForeignKey(
        BusinessMeasure,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("measure"),
        db_index=False,
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=10, choices=FigureSource.choices, default=FigureSource.HAND
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("business figure")
        verbose_name_plural = _("business figures")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "measure", "month"], name="courses_figure_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="courses_figure_first_of_month"
            ),
        ]
        indexes = [models.Index(fields=["measure", "month"], name="courses_figure_month")]

    def __str__(self):
        return f"{self.person_id} {self.measure_id} {self.month:%Y-%m}: {self.value}"
