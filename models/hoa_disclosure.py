import base64

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import disclosure as rules
from ..rules.periods import period_of
from ..tools.selection import selection_labels
from .access import HEAD, check_head
from .hoa_archive_mixin import ARCHIVE_WRITABLE


class HoaDisclosure(models.Model):
    """A period's income and expenditure statement of an estate (收支情况公示):
    property-fee income and operating costs (all of them for a commission-based
    estate), common-part revenue, and the maintenance fund from its opening to
    its closing balance. Publishing freezes it and shows it to the committee in
    the portal; a correction is a new version that says what changed."""

    _name = "hoa.disclosure"
    _description = "Income and Expenditure Disclosure"
    _inherit = [
        "hoa.committee.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.seal.mixin",
        "hoa.state.guard.mixin",
        "hoa.service.mixin",
    ]
    _portal_path = "/my/committee/disclosures"
    _order = "date_from desc, version desc, id desc"
    _sequence_code = "hoa.disclosure"
    _sequence_date_field = "date_to"
    _committee_required = False
    _mail_post_access = "read"
    _state_guard_fields = (
        "state",
        "version",
        "previous_id",
        "published_date",
        "published_by_id",
        "change_summary",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    period = fields.Char(
        compute="_compute_period",
        store=True,
        readonly=False,
        help="The routine period it is presented at, e.g. 2026-Q3.",
    )
    fee_model = fields.Selection(
        selection=lambda self: (
            self.env["hoa.community"]
            ._fields["fee_model"]
            ._description_selection(self.env)
        ),
        compute="_compute_fee_model",
        store=True,
        help="The estate's fee model when the statement was made: a "
        "commission-based estate discloses all income and expenditure.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("hoa.disclosure.line", "disclosure_id", copy=True)
    note = fields.Html(string="Explanations")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("superseded", "Corrected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one(
        "hoa.disclosure",
        string="Corrects",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    published_date = fields.Date(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    publication_unserved = fields.Char(
        string="Not Served To",
        compute="_compute_publication_unserved",
        help="Members the published statement has not reached, by proof of "
        "service: no email address, the email failed or bounced, not yet "
        "opened in the portal, or the paper receipt not yet recorded.",
    )
    change_summary = fields.Html(
        string="What Changed",
        readonly=True,
        copy=False,
        sanitize=False,
        help="Written when a correction is published: lines added, removed and "
        "changed against the version it corrects.",
    )
    income_total = fields.Monetary(compute="_compute_totals", store=True)
    expense_total = fields.Monetary(
        string="Expenditure Total", compute="_compute_totals", store=True
    )
    balance = fields.Monetary(
        string="Surplus (Deficit)", compute="_compute_totals", store=True
    )
    fund_opening = fields.Monetary(
        string="Fund Opening Balance", compute="_compute_totals", store=True
    )
    fund_in = fields.Monetary(
        string="Fund Contributions and Interest", compute="_compute_totals", store=True
    )
    fund_out = fields.Monetary(
        string="Fund Uses", compute="_compute_totals", store=True
    )
    fund_closing = fields.Monetary(
        string="Fund Closing Balance", compute="_compute_totals", store=True
    )

    @api.depends("date_from", "community_id.meeting_cadence")
    def _compute_period(self):
        for disclosure in self:
            if disclosure.date_from and disclosure.community_id:
                disclosure.period = period_of(
                    disclosure.date_from, disclosure.community_id.meeting_cadence
                ).label

    @api.depends("community_id")
    def _compute_fee_model(self):
        for disclosure in self:
            disclosure.fee_model = disclosure.community_id.fee_model

    @api.depends("line_ids.amount", "line_ids.category")
    def _compute_totals(self):
        for disclosure in self:
            totals = rules.totals(disclosure._fen_lines())
            for field, fen in totals._asdict().items():
                target = {
                    "income": "income_total",
                    "expense": "expense_total",
                }.get(field, field)
                disclosure[target] = fen / 100

    def _fen_lines(self):
        return [(line.category, round(line.amount * 100)) for line in self.line_ids]

    @api.depends_context("lang")
    def _compute_display_name(self):
        for disclosure in self:
            version = (
                self.env._(" (version %(number)s)", number=disclosure.version)
                if disclosure.version > 1
                else ""
            )
            disclosure.display_name = (
                f"{disclosure.name} {disclosure.period or ''}{version}"
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for disclosure in self:
            if disclosure.date_to < disclosure.date_from:
                # the number is not issued yet when the check fails
                period = f"{disclosure.date_from} – {disclosure.date_to}"
                raise ValidationError(
                    self.env._("Statement %(name)s ends before it starts.", name=period)
                )

    # ------------------------------------------------------------------
    # Frozen once published
    # ------------------------------------------------------------------

    def _frozen_reason(self):
        if self.state != "draft":
            return self.env._(
                "A published statement is frozen: correct it with a new version."
            )
        return super()._frozen_reason()

    def _frozen_fnames(self, fnames):
        return set(fnames) - ARCHIVE_WRITABLE - {"change_summary"}

    _archive_drafts = True

    def _archive_deletable(self):
        """Only a draft, never delivered to the committee, may be deleted."""
        return self.state == "draft"

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def action_publish(self):
        """Publish statements the committee confirmed. One it has not
        confirmed is published only by a head who records why: the button
        opens that form for a single statement."""
        self.check_access("write")
        unreviewed = self.filtered(lambda d: d.review_state != "confirmed")
        if unreviewed:
            for disclosure in unreviewed:
                disclosure._check_publishable()
            if len(self) == 1 and self.env.user.has_group(HEAD):
                return self._action_publish_unreviewed_wizard()
            raise UserError(
                self.env._(
                    "Statement %(name)s has not been confirmed by the committee: "
                    "a service-centre head publishes it only with the reason "
                    "recorded.",
                    name=unreviewed[0].name,
                )
            )
        return self._publish()

    def _publish(self):
        for disclosure in self:
            disclosure._check_publishable()
        today = self.env.company._hoa_today()
        for disclosure in self:
            # written for the committee: in the company's language
            lang = disclosure.company_id.partner_id.lang or self.env.lang
            summary = (
                disclosure.with_context(lang=lang)._change_summary()
                if disclosure.previous_id
                else False
            )
            disclosure._set_state(
                {
                    "state": "published",
                    "published_date": today,
                    "published_by_id": self.env.user.id,
                    "change_summary": summary,
                }
            )
            if disclosure.previous_id:
                disclosure.previous_id._set_state({"state": "superseded"})
                # the correction is served instead: no receipts to chase
                disclosure.previous_id._hoa_service_close_activities()
            disclosure._seal("disclosure")
            disclosure.with_context(lang=lang)._notify_committee()
        return True

    def _check_publishable(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._("Statement %(name)s is already published.", name=self.name)
            )
        if not self.line_ids:
            raise UserError(
                self.env._("Statement %(name)s has no lines.", name=self.name)
            )
        labels = selection_labels(self.env["hoa.disclosure.line"], "category")
        missing = rules.missing_categories(
            self.line_ids.mapped("category"), self.fee_model
        )
        if missing:
            raise UserError(
                self.env._(
                    "Statement %(name)s must also show: %(categories)s.",
                    name=self.name,
                    categories="; ".join(labels[c] for c in missing),
                )
            )
        if self.fund_closing < 0:
            raise UserError(
                self.env._(
                    "In statement %(name)s the maintenance fund's uses exceed its "
                    "opening balance, contributions and interest: check the amounts.",
                    name=self.name,
                )
            )

    def action_correct(self):
        """Start a corrected version, with the lines of this one."""
        self.check_access("write")
        self.ensure_one()
        if self.state != "published":
            raise UserError(
                self.env._("Only the published version of a statement is corrected.")
            )
        correction = self.copy({"name": self.name, "note": self.note})
        correction._set_state({"previous_id": self.id, "version": self.version + 1})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    def _change_summary(self):
        self.ensure_one()
        changes = rules.diff(
            [
                (line.category, line.name, round(line.amount * 100))
                for line in self.previous_id.line_ids
            ],
            [
                (line.category, line.name, round(line.amount * 100))
                for line in self.line_ids
            ],
        )
        labels = selection_labels(self.env["hoa.disclosure.line"], "category")
        kinds = {
            "added": self.env._("added"),
            "removed": self.env._("removed"),
            "changed": self.env._("changed"),
        }
        values = {
            "intro": self.env._(
                "Corrects version %(version)s:", version=self.previous_id.version
            )
            if changes
            else self.env._("No amount changed."),
            "changes": [
                self.env._(
                    "%(category)s — %(item)s: %(change)s",
                    category=labels[change.category],
                    item=change.item,
                    change=self._change_text(change, kinds[change.kind]),
                )
                for change in changes
            ],
        }
        return (
            self.env["ir.qweb"]
            ._render("hoa_committee.hoa_disclosure_change_summary", values)
            .strip()
        )

    def _change_text(self, change, kind):
        def amount(fen):
            return f"{fen / 100:,.2f}"

        if change.kind == "added":
            return f"{kind} {amount(change.new)}"
        if change.kind == "removed":
            return f"{kind} ({amount(change.old)})"
        return f"{kind} {amount(change.old)} → {amount(change.new)}"

    def _notify_committee(self):
        """The statement is served to every serving member of the committee,
        each by the best channel they have, with its PDF (proof of service
        per member); the head is told whom it does not reach. Publishing
        does not wait for the evidence."""
        report = self.env.ref("hoa_committee.action_report_disclosure")
        template = self.env.ref("hoa_committee.mail_template_disclosure_published")
        for disclosure in self:
            members = (
                disclosure.committee_id.sudo().member_ids.filtered("active").partner_id
            )
            if not members:
                continue
            pdf, _kind = report._render_qweb_pdf(report.report_name, disclosure.ids)
            statement = self.env["ir.attachment"].create(
                {
                    "name": self.env._(
                        "Income and expenditure statement %(name)s.pdf",
                        name=disclosure.display_name,
                    ),
                    "datas": base64.b64encode(pdf),
                    "res_model": disclosure._name,
                    "res_id": disclosure.id,
                    "mimetype": "application/pdf",
                }
            )
            services = disclosure._hoa_serve(
                "publication", members, template, attachments=statement
            )
            disclosure.message_post(
                body=self.env._(
                    "Income and expenditure statement %(name)s is published and "
                    "sent to %(names)s: it is served on each of them only with "
                    "evidence, see the proof of service for who received it.",
                    name=disclosure.display_name,
                    names=", ".join(services.partner_id.mapped("name")),
                ),
                attachment_ids=statement.ids,
                subtype_xmlid="mail.mt_note",
            )

    def _hoa_service_awaiting(self):
        """A statement waits for receipts until a correction replaces it."""
        self.ensure_one()
        return self.state == "published"

    def _hoa_service_print_template(self, kind):
        """On paper the statement is printed, its receipt slip below."""
        if kind == "publication":
            return "hoa_committee.report_disclosure_document"
        return super()._hoa_service_print_template(kind)

    @api.depends("state", "service_ids.served", "service_ids.state")
    def _compute_publication_unserved(self):
        for disclosure in self:
            rows = disclosure.sudo()._hoa_services("publication")
            best = rows._hoa_best_per_document() if rows else rows
            unserved = best.filtered(lambda s: not s.served)
            disclosure.publication_unserved = (
                ", ".join(unserved.partner_id.mapped("name"))
                if disclosure.state == "published"
                else False
            )

    def _seal_payload(self):
        self.ensure_one()
        return {
            "number": self.name,
            "version": self.version,
            "corrects": self.previous_id.id,
            "community": self.community_id.id,
            "period": [self.period, self.date_from, self.date_to],
            "fee_model": self.fee_model,
            "published": self.published_date,
            "note": self.note,
            "lines": [
                [line.category, line.name, f"{line.amount:.2f}", line.note or ""]
                for line in self.line_ids.sorted(lambda l: (l.sequence, l.id))
            ],
        }

    def action_import_lines(self):
        self.check_access("write")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Lines"),
            "res_model": "hoa.disclosure.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_disclosure_id": self.id},
        }

    # ------------------------------------------------------------------
    # The committee's review before publication
    # ------------------------------------------------------------------

    _state_guard_fields = (
        *_state_guard_fields,
        "review_state",
        "review_submitted_date",
        "reviewed_by_id",
        "reviewed_at",
        "review_comment",
        "unreviewed_reason",
        "unreviewed_by_id",
    )

    review_state = fields.Selection(
        [
            ("none", "Not Submitted"),
            ("in_review", "In the Committee's Review"),
            ("confirmed", "Confirmed by the Committee"),
            ("commented", "Commented by the Committee"),
        ],
        string="Committee Review",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="The statement goes to the committee before the owners see it: "
        "a member confirms it or comments in the portal.",
    )
    review_submitted_date = fields.Date(
        string="Submitted for Review", readonly=True, copy=False
    )
    reviewed_by_id = fields.Many2one("res.partner", readonly=True, copy=False)
    reviewed_at = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    review_comment = fields.Text(
        string="Committee's Comment", readonly=True, copy=False
    )
    unreviewed_reason = fields.Text(
        string="Published Without Review Because",
        readonly=True,
        copy=False,
        help="The head's reason for publishing a statement the committee has "
        "not confirmed.",
    )
    unreviewed_by_id = fields.Many2one(
        "res.users", string="Published Without Review By", readonly=True, copy=False
    )

    def action_submit_review(self):
        """Send the draft statement to the committee for review."""
        self.check_access("write")
        for disclosure in self:
            disclosure._check_publishable()
            if not disclosure.committee_id:
                raise UserError(
                    self.env._(
                        "Estate %(estate)s has no active owners' committee to "
                        "review statement %(name)s.",
                        estate=disclosure.community_id.name,
                        name=disclosure.name,
                    )
                )
        template = self.env.ref("hoa_committee.mail_template_disclosure_review")
        today = self.env.company._hoa_today()
        for disclosure in self:
            disclosure._set_state(
                {
                    "review_state": "in_review",
                    "review_submitted_date": today,
                    "reviewed_by_id": False,
                    "reviewed_at": False,
                    "review_comment": False,
                }
            )
            members = (
                disclosure.committee_id.sudo().member_ids.filtered("active").partner_id
            )
            disclosure._hoa_notify(template, members)
        return True

    def _portal_review(self, decision, text=None):
        """A committee member confirms the statement or comments on it, in
        the portal; who and when are recorded."""
        self.ensure_one()
        partner = self.env.user.partner_id
        if not self.committee_id.sudo()._portal_member(partner):
            raise AccessError(
                self.env._("Only members of the committee review its statements.")
            )
        self.env.cr.execute(
            "SELECT id FROM hoa_disclosure WHERE id = %s FOR UPDATE", [self.id]
        )
        disclosure = self.sudo()
        disclosure.invalidate_recordset()
        text = (text or "").strip()
        if disclosure.state != "draft" or disclosure.review_state != "in_review":
            raise UserError(
                self.env._(
                    "Statement %(name)s is not awaiting the committee's review.",
                    name=disclosure.name,
                )
            )
        if decision not in ("confirm", "comment"):
            raise UserError(self.env._("Say whether you confirm it or comment."))
        if decision == "comment" and not text:
            raise UserError(self.env._("Write your comment."))
        disclosure._set_state(
            {
                "review_state": "confirmed" if decision == "confirm" else "commented",
                "reviewed_by_id": partner.id,
                "reviewed_at": fields.Datetime.now(),
                "review_comment": text or False,
            }
        )
        if decision == "confirm":
            body = Markup("<p>%s</p>") % self.env._(
                "%(name)s confirmed statement %(statement)s for the committee.",
                name=partner.name,
                statement=disclosure.name,
            )
        else:
            body = Markup("<p>%s</p>") % self.env._(
                "%(name)s commented on statement %(statement)s for the committee:",
                name=partner.name,
                statement=disclosure.name,
            )
        if text:
            body += Markup("<blockquote>%s</blockquote>") % text
        disclosure.message_post(body=body, subtype_xmlid="mail.mt_comment")
        return True

    def _action_publish_unreviewed_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Publish Without the Committee's Confirmation"),
            "res_model": "hoa.disclosure.publish.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_disclosure_id": self.id},
        }

    def _publish_unreviewed(self, reason):
        """A head publishes the statement the committee has not confirmed,
        the reason recorded on it and in its chatter."""
        self.ensure_one()
        check_head(self.env)
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Say why statement %(name)s is published without the "
                    "committee's confirmation.",
                    name=self.name,
                )
            )
        self._check_publishable()
        self._set_state(
            {"unreviewed_reason": reason, "unreviewed_by_id": self.env.user.id}
        )
        self.message_post(
            body=Markup("<p>%s</p><blockquote>%s</blockquote>")
            % (
                self.env._(
                    "%(name)s publishes statement %(statement)s without the "
                    "committee's confirmation, because:",
                    name=self.env.user.name,
                    statement=self.name,
                ),
                reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._publish()
