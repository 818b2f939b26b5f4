import logging
import time
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.cron_lock import CONCURRENCY_ERRORS, commit_job, retry_later, single_run
from ..tools.selection import selection_label, selection_labels

_logger = logging.getLogger(__name__)

#: up to this much work a button still does inline, in the request (small
#: estates, the demo, the tests); above it the work becomes a background
#: job. Each can be changed with the system parameter
#: ``hoa_committee.background_inline_limit.<kind>``.
INLINE_LIMITS = {
    # estates recomputed
    "compliance_refresh": 20,
    # seals verified
    "archive_verify": 2_000,
    # spreadsheet rows imported
    "fund_balance_import": 500,
}

#: how many targets one batch (one transaction) of a job works through
BATCH_SIZES = {
    "compliance_refresh": 20,
    "archive_verify": 10,
    "fund_balance_import": 1,
}

#: the system parameter lowering or raising a kind's inline limit
LIMIT_PARAM = "hoa_committee.background_inline_limit.%s"

#: one run of the job runner stops after the batch that passes this many
#: seconds, reporting what remains: the scheduler runs it again at once,
#: and no run nears the cron worker's time limit
RUN_BUDGET = 60

#: finished jobs are cleared this many days after they end
KEEP_DAYS = 90


class HoaBackgroundJob(models.Model):
    """Bulk work a person asked for with a button — recomputing the
    compliance figures of every estate, verifying the whole archive, a large
    import — done by the scheduler instead of in the web request.

    The button creates the job (:meth:`_hoa_enqueue`) and wakes up the job
    runner (an ``ir.cron`` triggered at once), which works through the job's
    targets in batches, one transaction per batch, showing the progress; a
    batch that fails is recorded on the job and the others are kept. When
    the job ends, its requester is notified in the web client."""

    _name = "hoa.background.job"
    _description = "Background Job"
    _inherit = ["hoa.state.guard.mixin"]
    _order = "id desc"
    _state_guard_fields = (
        "state",
        "done_count",
        "failed_count",
        "finding_count",
        "pending_ids",
        "date_started",
        "date_finished",
        "result",
        "error",
    )

    #: in the reader's language: what the job does (its kind), not a text
    #: stored in the requester's
    name = fields.Char(compute="_compute_name", search="_search_name")
    kind = fields.Selection(
        [
            ("compliance_refresh", "Compliance Refresh"),
            ("archive_verify", "Archive Verification"),
            ("fund_balance_import", "Fund Balance Import"),
        ],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    res_model = fields.Char(string="Target Model", required=True, readonly=True)
    res_ids = fields.Json(string="Targets", readonly=True)
    pending_ids = fields.Json(string="Targets Still to Do", readonly=True)
    state = fields.Selection(
        [
            ("queued", "Waiting"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        string="Status",
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    total = fields.Integer(readonly=True)
    done_count = fields.Integer(string="Processed", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    finding_count = fields.Integer(
        string="Findings",
        readonly=True,
        help="What the work found wrong, for a verification: the seals that "
        "do not match their records.",
    )
    progress = fields.Float(compute="_compute_progress")
    date_started = fields.Datetime(string="Started On", readonly=True)
    date_finished = fields.Datetime(string="Finished On", readonly=True)
    result = fields.Text(string="Job Outcome", readonly=True)
    error = fields.Text(string="Errors", readonly=True)

    @api.depends("kind")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = selection_labels(self, "kind")
        for job in self:
            job.name = labels.get(job.kind, "")

    @api.depends("kind")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for job in self:
            job.display_name = job.name

    def _search_name(self, operator, value):
        """The jobs whose kind's label, in the reader's language, matches."""
        labels = self._fields["kind"]._description_selection(self.env)
        kinds = self.browse()
        for kind, _label in labels:
            kinds |= self.new({"kind": kind})
        matching = kinds.filtered_domain([("name", operator, value)])
        return [("kind", "in", matching.mapped("kind"))]

    @api.depends("done_count", "total")
    def _compute_progress(self):
        for job in self:
            job.progress = 100.0 * job.done_count / job.total if job.total else 0.0

    # ------------------------------------------------------------------
    # Queueing, from the buttons
    # ------------------------------------------------------------------

    @api.model
    def _hoa_inline_limit(self, kind):
        """How much work of ``kind`` a button still does inline."""
        value = self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAM % kind, "")
        try:
            return int(value)
        except ValueError:
            return INLINE_LIMITS[kind]

    @api.model
    def _hoa_runs_inline(self, kind, size):
        """Whether work of ``kind`` of ``size`` is small enough to do now."""
        return size <= self._hoa_inline_limit(kind)

    @api.model
    def _hoa_enqueue(self, kind, records):
        """A job doing ``kind`` on ``records`` for the current user, and the
        runner woken up; returns the notification the button shows."""
        label = selection_label(self, "kind", kind)
        waiting = self.sudo().search(
            [
                ("kind", "=", kind),
                ("user_id", "=", self.env.uid),
                ("state", "=", "queued"),
            ]
        )
        if any(set(job.res_ids or []) == set(records.ids) for job in waiting):
            # a second click before the runner started: the same job does it
            return self._hoa_notification(
                label,
                self.env._(
                    "This is already waiting in the background jobs: you will be "
                    "notified when it is done."
                ),
            )
        job = self.sudo()._create_in_state(
            [
                {
                    "kind": kind,
                    "user_id": self.env.uid,
                    "company_id": self.env.company.id,
                    "res_model": records._name,
                    "res_ids": records.ids,
                    "pending_ids": records.ids,
                    "total": len(records),
                }
            ]
        )
        self.env.ref("hoa_committee.ir_cron_hoa_background_job").sudo()._trigger()
        _logger.info("Background job %s queued: %s of %s", job.id, kind, records)
        return self._hoa_notification(
            label,
            self.env._(
                "Added to the background jobs: you will be notified when it "
                "is done (see Reporting › Background Jobs)."
            ),
        )

    @api.model
    def _hoa_notification(self, title, message):
        """What a button answers when its work is queued."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # The runner
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_run(self):
        """Work through the queued jobs, oldest first, one batch per
        transaction; the scheduler shows the progress over all of them."""
        started = time.monotonic()
        jobs = self.sudo().search([("state", "in", ("queued", "running"))], order="id")
        total = sum(jobs.mapped("total"))
        done = sum(jobs.mapped("done_count"))
        for job in jobs:
            # the result is read by the requester: in their language
            job = job.with_context(lang=job.user_id.lang or self.env.lang)
            if job.state == "queued":
                job._set_state(
                    {"state": "running", "date_started": fields.Datetime.now()}
                )
            while job.pending_ids:
                before = job.done_count
                try:
                    job._hoa_run_batch()
                except CONCURRENCY_ERRORS:
                    # not the batch's fault: it stays pending, undone and
                    # uncounted, for the next run on a fresh snapshot
                    self.env.invalidate_all()
                    retry_later(self, "_cron_run", "Background job %s", job.id)
                    return False
                done += job.done_count - before
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=max(total - done, 0)
                )
                if not commit_job(self.env):
                    return False
                if time.monotonic() - started > RUN_BUDGET and job.pending_ids:
                    # the rest in the next run, which the scheduler starts
                    # at once since the progress says work remains
                    return True
            job._hoa_finish()
            if not commit_job(self.env):
                return False
        return True

    def _hoa_run_batch(self):
        """Do the next batch of the job's targets: a batch that fails is
        undone alone and recorded, and the job goes on with the next. A
        concurrent transaction getting in the way (serialization failure,
        lock, deadlock) is raised: the batch is then neither done nor failed,
        and the run leaves it to the next."""
        self.ensure_one()
        size = BATCH_SIZES[self.kind]
        batch_ids, rest = self.pending_ids[:size], self.pending_ids[size:]
        targets = self.env[self.res_model].sudo().browse(batch_ids).exists()
        vals = {"pending_ids": rest, "done_count": self.done_count + len(batch_ids)}
        try:
            with self.env.cr.savepoint():
                findings = getattr(self, f"_hoa_do_{self.kind}")(targets)
                self.env.flush_all()
            vals["finding_count"] = self.finding_count + (findings or 0)
        except CONCURRENCY_ERRORS:
            raise
        except Exception as error:  # one batch never stops the job
            # the batch's writes were rolled back: forget what the cache holds
            self.env.invalidate_all()
            _logger.info(
                "Background job %s: batch %s failed", self.id, batch_ids, exc_info=True
            )
            message = error.args[0] if isinstance(error, UserError) else repr(error)
            vals["failed_count"] = self.failed_count + len(batch_ids)
            vals["error"] = "\n".join(
                filter(
                    None,
                    [
                        self.error,
                        self.env._(
                            "%(model)s %(ids)s: %(message)s",
                            model=self.res_model,
                            ids=", ".join(map(str, batch_ids)),
                            message=message,
                        ),
                    ],
                )
            )
        self._set_state(vals)

    def _hoa_finish(self):
        """Close the job with its result and tell the requester."""
        self.ensure_one()
        failed = bool(self.failed_count)
        self._set_state(
            {
                "state": "failed" if failed else "done",
                "date_finished": fields.Datetime.now(),
                "result": self._hoa_result(),
            }
        )
        self.user_id._bus_send(
            "simple_notification",
            {
                "title": self.env._("Background job finished: %(job)s", job=self.name),
                "message": self.result,
                "type": "danger" if failed or self.finding_count else "success",
                "sticky": failed,
            },
        )

    def _hoa_result(self):
        """What the job did, in a sentence."""
        self.ensure_one()
        ok = self.done_count - self.failed_count
        if self.kind == "compliance_refresh":
            text = self.env._(
                "The compliance figures of %(count)s estates were recomputed.",
                count=ok,
            )
        elif self.kind == "archive_verify":
            seals = (
                self.env["hoa.archive.seal"]
                .sudo()
                .search_count([("community_id", "in", self.res_ids or [])])
            )
            if self.finding_count:
                text = self.env._(
                    "%(failed)s of %(count)s seals do not match the records: see "
                    "the seals marked in red.",
                    failed=self.finding_count,
                    count=seals,
                )
            else:
                text = self.env._(
                    "%(count)s seals of %(estates)s estates verified.",
                    count=seals,
                    estates=ok,
                )
        else:
            text = self.env._("%(count)s imports done.", count=ok)
        if self.failed_count:
            text += "\n" + self.env._(
                "%(count)s could not be done: see the errors.",
                count=self.failed_count,
            )
        return text

    @api.autovacuum
    def _gc_finished_jobs(self):
        """Finished jobs are kept 90 days for their outcome, then cleared."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DAYS)
        self.sudo().search(
            [("state", "in", ("done", "failed")), ("date_finished", "<", limit)]
        ).unlink()

    # ------------------------------------------------------------------
    # What each kind does with a batch: the addon's own functions
    # ------------------------------------------------------------------

    def _hoa_do_compliance_refresh(self, communities):
        self.env["hoa.compliance"]._refresh(communities=communities)
        return 0

    def _hoa_do_archive_verify(self, communities):
        return len(self.env["hoa.archive.seal"]._verify(communities))

    def _hoa_do_fund_balance_import(self, imports):
        # written as the person who uploaded the statement
        for statement in imports.with_user(self.user_id):
            statement._hoa_import()
        return 0
