from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class HoaWorkdayDeadlineMixin(models.AbstractModel):
    """Stored deadlines counted on an estate's working-day calendar.

    A model inheriting this mixin

    * computes all its calendar-based deadlines, and ``workday_data_missing``,
      in one method ``_compute_workday_deadlines`` (declare the deadline fields
      with ``compute="_compute_workday_deadlines", store=True`` and decorate
      the override with its ``@api.depends``);
    * says where its calendar is (``_workday_calendar_field``) and, optionally,
      which records a changed day can affect (``_workday_affected_domain``).

    When a holiday or make-up workday is added, changed or removed, the
    calendar recomputes those deadlines of the affected records.
    """

    _name = "hoa.workday.deadline.mixin"
    _description = "Deadlines on a Working-Day Calendar"

    _workday_calendar_field = "community_id.workday_calendar_id"
    #: the states in which the record still waits for its answer: it is
    #: overdue once its ``deadline`` has passed (a model with an ``overdue``
    #: field declares it with ``compute="_compute_overdue",
    #: search="_search_overdue"``)
    _overdue_states = ()

    workday_data_missing = fields.Boolean(
        string="Calendar Data Missing",
        compute="_compute_workday_deadlines",
        store=True,
        help="A deadline of this record falls in a year for which the working-day "
        "calendar has no official holidays yet: it was counted with weekends "
        "only and may move when the year's schedule is entered.",
    )

    def _compute_workday_deadlines(self):
        raise NotImplementedError(
            f"{self._name} must implement _compute_workday_deadlines"
        )

    def _compute_overdue(self):
        for record in self:
            record.overdue = bool(
                record.state in self._overdue_states
                and record.deadline
                and record.deadline < record.company_id._hoa_today()
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        domain = expression.AND(
            [
                [("state", "in", self._overdue_states)],
                self.env["res.company"]._hoa_before_today_domain("deadline"),
            ]
        )
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    def _workday_calendar(self):
        """The calendar of one record."""
        self.ensure_one()
        return self.mapped(self._workday_calendar_field)[:1]

    @api.model
    def _workday_affected_domain(self, dates):
        """Records whose deadlines a change on ``dates`` may move; all records
        of the calendar by default."""
        return []

    @api.model
    def _recompute_workday_deadlines(self, calendars, dates):
        domain = [(self._workday_calendar_field, "in", calendars.ids)]
        if dates:
            domain += self._workday_affected_domain(sorted(dates))
        records = self.with_context(active_test=False).search(domain)
        if not records:
            return
        for field in self._fields.values():
            if field.compute == "_compute_workday_deadlines" and field.store:
                self.env.add_to_compute(field, records)
        records.flush_recordset()
