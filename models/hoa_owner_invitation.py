import logging

from odoo import Command, api, fields, models

from ..rules.contact_channels import normalize_channel_mobile
from ..tools.cron_lock import commit_job, single_run
from .access import check_head

_logger = logging.getLogger(__name__)

#: owners invited per batch of the background job (one transaction each)
BATCH_SIZE = 200


class HoaOwnerInvitation(models.Model):
    """One run inviting every owner of an estate to the portal: created by
    the head's button, worked through in the background in batches (the
    scheduler's progress shows on the form), idempotent (an owner who
    already has an account is skipped), and ending with the list of owners
    who could not be invited and why."""

    _name = "hoa.owner.invitation"
    _description = "Owner Invitation Run"
    _inherit = ["mail.thread", "hoa.state.guard.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "community_id"
    _check_company_auto = True
    _state_guard_fields = (
        "state",
        "total",
        "done_count",
        "invited_count",
        "skipped_count",
        "pending_partner_ids",
        "date_done",
    )

    community_id = fields.Many2one(
        "hoa.community",
        string="Estate",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(
        [("running", "In Progress"), ("done", "Done")],
        default="running",
        required=True,
        readonly=True,
        tracking=True,
    )
    total = fields.Integer(string="Owners", readonly=True)
    done_count = fields.Integer(string="Processed", readonly=True)
    invited_count = fields.Integer(string="Invited", readonly=True)
    skipped_count = fields.Integer(
        string="Already Had an Account",
        readonly=True,
        help="Owners who already had a portal account: left as they were.",
    )
    failed_count = fields.Integer(string="Not Invited", compute="_compute_failed_count")
    progress = fields.Float(compute="_compute_failed_count")
    date_done = fields.Datetime(string="Finished On", readonly=True)
    pending_partner_ids = fields.Many2many(
        "res.partner",
        "hoa_owner_invitation_pending_rel",
        "invitation_id",
        "partner_id",
        string="Owners Still to Invite",
        readonly=True,
    )
    failure_ids = fields.One2many(
        "hoa.owner.invitation.failure", "invitation_id", string="Owners Not Invited"
    )

    @api.depends("failure_ids", "done_count", "total")
    def _compute_failed_count(self):
        for run in self:
            run.failed_count = len(run.failure_ids)
            run.progress = 100.0 * run.done_count / run.total if run.total else 100.0

    @api.model
    def _hoa_start(self, community):
        """The running invitation of ``community``, or a new one covering
        every owner of the estate; the background job is woken up."""
        running = self.search(
            [("community_id", "=", community.id), ("state", "=", "running")], limit=1
        )
        if running:
            return running
        units = (
            self.env["hoa.unit"]
            .sudo()
            .search(
                [("community_id", "=", community.id), ("developer_held", "=", False)]
            )
        )
        owners = units.owner_id | units.co_owner_ids
        run = self._create_in_state(
            [
                {
                    "community_id": community.id,
                    "total": len(owners),
                    "pending_partner_ids": [Command.set(owners.ids)],
                }
            ]
        )
        run.message_post(
            body=self.env._(
                "Invitation of the %(count)s owners of %(estate)s started by %(user)s.",
                count=len(owners),
                estate=community.name,
                user=self.env.user.name,
            )
        )
        cron = self.env.ref(
            "hoa_committee.ir_cron_owner_invitation", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()
        return run

    def action_refresh(self):
        """Reload the form to see the progress."""
        check_head(self.env)
        return True

    @api.model
    @single_run
    def _cron_process(self, batch_size=BATCH_SIZE):
        """Invite the next batch of owners of the running invitations, one
        transaction per batch, reporting the progress to the scheduler."""
        runs = self.search([("state", "=", "running")], order="id")
        total = sum(runs.mapped("total"))
        done = sum(runs.mapped("done_count"))
        for run in runs:
            # the report and the state's history are in the company's language
            lang = run.company_id.partner_id.lang
            run = run.with_context(lang=lang) if lang else run
            while run.state == "running":
                before = run.done_count
                run._hoa_process_batch(batch_size)
                done += run.done_count - before
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=max(total - done, 0)
                )
                if not commit_job(self.env):
                    return False
        return True

    def _hoa_process_batch(self, batch_size=BATCH_SIZE):
        """Invite the next ``batch_size`` owners still pending; the run is
        done when none is left."""
        self.ensure_one()
        partners = self.pending_partner_ids.sorted("id")[:batch_size]
        invited, skipped, failures = self._hoa_invite(partners)
        remaining = self.pending_partner_ids - partners
        vals = {
            "pending_partner_ids": [Command.set(remaining.ids)],
            "done_count": self.done_count + len(partners),
            "invited_count": self.invited_count + len(invited),
            "skipped_count": self.skipped_count + len(skipped),
            "failure_ids": [
                Command.create({"partner_id": partner.id, "reason": reason})
                for partner, reason in failures
            ],
        }
        if not remaining:
            vals.update(state="done", date_done=fields.Datetime.now())
        self._set_state(vals)
        if not remaining:
            summary = self.env._(
                "Invitation finished: %(invited)s invited, %(skipped)s already "
                "had an account, %(failed)s could not be invited.",
                invited=self.invited_count,
                skipped=self.skipped_count,
                failed=len(self.failure_ids),
            )
            self.message_post(body=summary)
            # the head who started it is told in the web client (issue 19)
            self.create_uid._bus_send(
                "simple_notification",
                {
                    "title": self.community_id.name,
                    "message": summary,
                    "type": "warning" if self.failure_ids else "success",
                },
            )

    def _hoa_invite(self, partners):
        """Give each of ``partners`` a portal account (login: the mobile
        number, else the email address) in the estate's company, and send
        them the invitation. Returns ``(users created, partners skipped,
        [(partner, reason)] not invited)``."""
        self.ensure_one()
        partners = partners.sudo().with_context(active_test=False)
        Users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False, no_reset_password=True)
        )
        logins = {partner.id: partner._hoa_portal_login() for partner in partners}
        taken = set(
            Users.search([("login", "in", [x for x in logins.values() if x])]).mapped(
                "login"
            )
        )
        company = self.company_id
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else False
        portal = self.env.ref("base.group_portal")
        skipped = self.env["res.partner"]
        failures, vals_list = [], []
        for partner in partners:
            users = partner.user_ids
            login = logins[partner.id]
            if users.filtered("active"):
                skipped |= partner
            elif users:
                failures.append((partner, "revoked"))
            elif not login:
                failures.append((partner, "no_contact"))
            elif login in taken:
                failures.append((partner, "login_taken"))
            elif partner.company_id and partner.company_id != company:
                failures.append((partner, "other_company"))
            else:
                taken.add(login)
                vals_list.append(
                    {
                        "name": partner.name,
                        "login": login,
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(portal.ids)],
                        "lang": lang,
                    }
                )
        users = Users.create(vals_list)
        self._hoa_send_invitations(users)
        return users, skipped, failures

    def _hoa_send_invitations(self, users):
        """Send the invitation (mail template
        ``hoa_owner_invitation_mail_template``) by email to the new owners
        who have an address; the others by SMS once it exists."""
        by_email = users.filtered(lambda user: user.partner_id.email)
        if by_email:
            by_email.partner_id.signup_prepare(signup_type="signup")
            template = self.env.ref("hoa_committee.hoa_owner_invitation_mail_template")
            for user in by_email:
                template.send_mail(
                    user.id, email_layout_xmlid="mail.mail_notification_light"
                )
        self._hoa_send_invitation_sms(users - by_email)

    def _hoa_send_invitation_sms(self, users):
        """Tell ``users`` (owners with a mobile login and no email address)
        by SMS that their account exists and where to choose a password:
        queued, sent by the sending job (the template's SMS code and
        parameters); what the provider answers is on 发送记录."""
        template = self.env.ref("hoa_committee.hoa_owner_invitation_mail_template")
        Dispatch = self.env["hoa.dispatch"]
        for user in users:
            mobile = normalize_channel_mobile(user.login) or normalize_channel_mobile(
                user.partner_id.mobile
            )
            if mobile:
                Dispatch._hoa_queue(
                    user, "sms", mobile, template, partner=user.partner_id
                )
        return users
