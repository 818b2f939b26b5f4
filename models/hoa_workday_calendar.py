import importlib
import logging
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..rules.periods import year_period_end
from ..rules.workdays import WorkdayTable
from ..tools.cron_lock import single_run
from .access import check_admin

_logger = logging.getLogger(__name__)

DEADLINE_MIXIN = "hoa.workday.deadline.mixin"


class HoaWorkdayCalendar(models.Model):
    """Working days with their exceptions: statutory holidays and the make-up
    workdays (调休) that ``resource.calendar`` cannot express."""

    _name = "hoa.workday.calendar"
    _description = "Working-Day Calendar"
    _inherit = ["mail.thread", "mail.activity.mixin", "hoa.input.mixin"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    weekend_day_ids = fields.Many2many(
        "hoa.weekday",
        string="Weekend Days",
        default=lambda self: self.env["hoa.weekday"].search([("number", ">=", 5)]),
    )
    country_code = fields.Char(
        string="Official Schedule",
        help="Country whose official holidays and make-up workdays are imported "
        "from the holidays package (CN for mainland China). Empty: days are "
        "entered by hand only.",
    )
    exception_ids = fields.One2many(
        "hoa.workday.exception", "calendar_id", string="Holidays and Make-Up Workdays"
    )
    holiday_count = fields.Integer(compute="_compute_counts")
    workday_count = fields.Integer(string="Make-Up Workdays", compute="_compute_counts")
    known_years = fields.Char(
        compute="_compute_counts",
        help="Years for which the calendar holds the official schedule.",
    )

    @api.depends("exception_ids.kind", "exception_ids.year")
    def _compute_counts(self):
        for calendar in self:
            exceptions = calendar.exception_ids
            calendar.holiday_count = len(
                exceptions.filtered(lambda e: e.kind == "holiday")
            )
            calendar.workday_count = len(exceptions) - calendar.holiday_count
            calendar.known_years = _format_years(calendar._known_years())

    # ------------------------------------------------------------------
    # Counting
    # ------------------------------------------------------------------

    def _known_years(self):
        """Years with data: those that have at least one holiday."""
        self.ensure_one()
        return sorted(
            set(
                self.exception_ids.filtered(lambda e: e.kind == "holiday").mapped(
                    "year"
                )
            )
        )

    @tools.ormcache("self.id")
    def _get_table(self):
        self.ensure_one()
        self.env["hoa.workday.exception"].flush_model(["calendar_id", "date", "kind"])
        self.env.cr.execute(
            "SELECT date, kind FROM hoa_workday_exception WHERE calendar_id = %s",
            [self.id],
        )
        rows = self.env.cr.fetchall()
        return WorkdayTable(
            weekend=self.weekend_day_ids.mapped("number"),
            holidays=[day for day, kind in rows if kind == "holiday"],
            workdays=[day for day, kind in rows if kind == "workday"],
            known_years={day.year for day, kind in rows if kind == "holiday"},
        )

    def _workday_table(self):
        """The calendar's :class:`WorkdayTable` (cached until a day changes)."""
        self.ensure_one()
        return self._get_table()

    def _is_working_day(self, day):
        return self._workday_table().is_working_day(fields.Date.to_date(day))

    def _add_working_days(self, day, n):
        """The n-th working day strictly after ``day``."""
        return self._workday_table().add_working_days(fields.Date.to_date(day), n)

    def _add_working_days_batch(self, days, n):
        """:meth:`_add_working_days` for many days at once; returns a list."""
        return self._workday_table().add_working_days_batch(
            [fields.Date.to_date(day) for day in days], n
        )

    def _period_end(self, start, n_days):
        """End of a period of ``n_days`` days per 民法典 arts. 201–203."""
        return self._workday_table().period_end(fields.Date.to_date(start), n_days)

    def _year_period_end(self, day, years=1):
        """End of a period of ``years`` years from ``day`` per 民法典 arts.
        201–203 (:func:`rules.periods.year_period_end`) on this calendar."""
        table = self._workday_table()
        return year_period_end(fields.Date.to_date(day), table.is_working_day, years)

    def _missing_years(self, first, last):
        return self._workday_table().missing_years(
            fields.Date.to_date(first), fields.Date.to_date(last)
        )

    # ------------------------------------------------------------------
    # Changes: recompute the deadlines that depend on the calendar
    # ------------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if "weekend_day_ids" in vals:
            self._on_days_changed([])
        return result

    def _on_days_changed(self, dates):
        """A day of these calendars changed: drop the cached tables and
        recompute the stored deadlines of every model that counts on them
        (models inheriting ``hoa.workday.deadline.mixin``)."""
        self.env["hoa.workday.exception"].flush_model()
        self.env.registry.clear_cache()
        if not self:
            return
        for model_name in self.env.registry.descendants([DEADLINE_MIXIN], "_inherit"):
            model = self.env[model_name]
            if model._abstract or model_name == DEADLINE_MIXIN:
                continue
            model.sudo()._recompute_workday_deadlines(self, dates)

    # ------------------------------------------------------------------
    # Official schedule from the holidays package
    # ------------------------------------------------------------------

    @api.model
    def _official_years(self, country_code):
        """Years for which the holidays package carries the official schedule
        (with its make-up workdays), not only rule-based holidays."""
        module = _holidays_country_module(country_code)
        years = set()
        for name in dir(module):
            special = getattr(getattr(module, name), "special_public_holidays", None)
            if isinstance(special, dict):
                years.update(special)
        return sorted(years)

    @api.model
    def _official_days(self, country_code, year):
        """``{date: (kind, name)}`` of one year from the holidays package."""
        import holidays

        lang = "zh_CN" if country_code == "CN" else None
        days = holidays.country_holidays(country_code, years=year, language=lang)
        result = {}
        for day, name in days.items():
            if day.year == year:
                result[day] = ("holiday", name)
        for day in getattr(days, "weekend_workdays", ()):
            if day.year == year:
                result[day] = ("workday", self.env._("Make-up workday"))
        return result

    def _import_year(self, year):
        """Bring one year's official schedule in. Idempotent: days already
        right are left alone and days entered by hand are kept.

        :return: dict with the numbers ``added``, ``changed``, ``removed``,
            ``kept_manual`` and ``unchanged``
        """
        self.ensure_one()
        if not self.country_code:
            raise UserError(
                self.env._(
                    "Calendar %(calendar)s has no official schedule to import.",
                    calendar=self.name,
                )
            )
        if year not in self._official_years(self.country_code):
            raise UserError(
                self.env._(
                    "The holidays package has no official schedule for %(year)s yet. "
                    "Enter the days by hand when the State Council publishes it.",
                    year=year,
                )
            )
        wanted = self._official_days(self.country_code, year)
        Exception_ = self.env["hoa.workday.exception"].with_context(
            hoa_manual_edit=False
        )
        existing = Exception_.search(
            [("calendar_id", "=", self.id), ("year", "=", year)]
        )
        report = dict.fromkeys(
            ("added", "changed", "removed", "kept_manual", "unchanged"), 0
        )
        by_date = {exception.date: exception for exception in existing}
        to_remove = Exception_
        for day, exception in by_date.items():
            if day in wanted:
                continue
            if exception.source == "manual":
                report["kept_manual"] += 1
            else:
                to_remove |= exception
        report["removed"] = len(to_remove)
        to_remove.unlink()
        new_vals = []
        for day, (kind, name) in sorted(wanted.items()):
            exception = by_date.get(day)
            if not exception:
                new_vals.append(
                    {
                        "calendar_id": self.id,
                        "date": day,
                        "kind": kind,
                        "name": name,
                        "source": "package",
                    }
                )
            elif exception.source == "manual":
                report["kept_manual"] += 1
            elif (exception.kind, exception.name) != (kind, name):
                exception.write({"kind": kind, "name": name})
                report["changed"] += 1
            else:
                report["unchanged"] += 1
        Exception_.create(new_vals)
        report["added"] = len(new_vals)
        if report["added"] or report["changed"] or report["removed"]:
            self.message_post(
                body=self.env._(
                    "Official schedule of %(year)s imported: %(added)s days added, "
                    "%(changed)s changed, %(removed)s removed, %(kept)s entered by "
                    "hand kept.",
                    year=year,
                    added=report["added"],
                    changed=report["changed"],
                    removed=report["removed"],
                    kept=report["kept_manual"],
                )
            )
        return report

    def _import_all_official_years(self):
        """Fill the calendars with every year the holidays package knows."""
        for calendar in self.filtered("country_code"):
            for year in self._official_years(calendar.country_code):
                calendar._import_year(year)
        return True

    @api.model
    @single_run
    def _cron_import_official_schedule(self):
        """Yearly: import the coming year, and warn the administrators when a
        year that deadlines fall in has no data yet."""
        today = self.env.company._hoa_today()
        horizon = today + timedelta(days=90)
        for calendar in self.search([("country_code", "!=", False)]):
            for year in (today.year, today.year + 1):
                if year in self._official_years(calendar.country_code):
                    try:
                        with self.env.cr.savepoint():
                            calendar._import_year(year)
                    except Exception:
                        _logger.exception(
                            "Importing %s into calendar %s failed", year, calendar.id
                        )
            missing = calendar._missing_years(today, horizon)
            if missing:
                calendar._warn_missing_years(missing)
        return True

    def _warn_missing_years(self, years):
        """An activity for each administrator (once per year and calendar)."""
        self.ensure_one()
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.filtered(
            lambda user: not user.share and user.active and user.id != 1
        ) or self.env.ref("base.user_admin")
        for year in years:
            for user in admins:
                # in the administrator's language
                calendar = self.with_context(lang=user.lang)
                summary = calendar.env._(
                    "Enter the %(year)s holidays and make-up workdays", year=year
                )
                already = self.activity_ids.filtered(
                    lambda a, s=summary, u=user: a.summary == s and a.user_id == u
                )
                if not already:
                    self.activity_schedule(
                        "mail.mail_activity_data_todo",
                        date_deadline=self.env.company._hoa_today(),
                        summary=summary,
                        note=calendar.env._(
                            "Deadlines in %(year)s are counted with weekends only "
                            "until the State Council's schedule is entered in "
                            "%(calendar)s.",
                            year=year,
                            calendar=self.name,
                        ),
                        user_id=user.id,
                    )

    @api.constrains("weekend_day_ids")
    def _check_weekend(self):
        for calendar in self:
            if len(calendar.weekend_day_ids) == 7:
                raise ValidationError(
                    self.env._("A calendar needs at least one working day a week.")
                )

    def action_open_import_wizard(self):
        check_admin(self.env)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Official Schedule"),
            "res_model": "hoa.workday.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_calendar_id": self.id},
        }


def _holidays_country_module(country_code):
    import holidays

    return importlib.import_module(
        type(holidays.country_holidays(country_code)).__module__
    )


def _format_years(years):
    """``[2001, 2002, 2003, 2005]`` → ``"2001–2003, 2005"``."""
    ranges = []
    for year in years:
        if ranges and ranges[-1][1] == year - 1:
            ranges[-1][1] = year
        else:
            ranges.append([year, year])
    return ", ".join(
        str(first) if first == last else f"{first}–{last}" for first, last in ranges
    )
