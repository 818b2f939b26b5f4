from odoo import api, fields, models

from .access import check_admin


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hoa_committee_min_members = fields.Integer(
        related="company_id.hoa_committee_min_members", readonly=False
    )
    hoa_committee_max_members = fields.Integer(
        related="company_id.hoa_committee_max_members", readonly=False
    )
    hoa_committee_odd_members = fields.Boolean(
        related="company_id.hoa_committee_odd_members", readonly=False
    )
    hoa_committee_filing_days = fields.Integer(
        related="company_id.hoa_committee_filing_days", readonly=False
    )
    hoa_inquiry_answer_days = fields.Integer(
        related="company_id.hoa_inquiry_answer_days", readonly=False
    )
    hoa_matter_lead_days = fields.Integer(
        related="company_id.hoa_matter_lead_days", readonly=False
    )
    hoa_incident_notify_days = fields.Integer(
        related="company_id.hoa_incident_notify_days", readonly=False
    )
    hoa_contact_warning_days = fields.Integer(
        related="company_id.hoa_contact_warning_days", readonly=False
    )
    hoa_routine_quarter_day = fields.Integer(
        related="company_id.hoa_routine_quarter_day", readonly=False
    )
    hoa_routine_month_day = fields.Integer(
        related="company_id.hoa_routine_month_day", readonly=False
    )
    hoa_tz = fields.Selection(related="company_id.hoa_tz", readonly=False)
    hoa_escalation_user_id = fields.Many2one(
        related="company_id.hoa_escalation_user_id", readonly=False
    )
    hoa_meeting_notice_days = fields.Integer(
        related="company_id.hoa_meeting_notice_days", readonly=False
    )
    hoa_meeting_min_members = fields.Integer(
        related="company_id.hoa_meeting_min_members", readonly=False
    )
    hoa_resolution_publish_days = fields.Integer(
        related="company_id.hoa_resolution_publish_days", readonly=False
    )
    hoa_tsa_url = fields.Char(related="company_id.hoa_tsa_url", readonly=False)
    hoa_tsa_certificate = fields.Text(
        related="company_id.hoa_tsa_certificate", readonly=False
    )
    hoa_tsa_every_seal = fields.Boolean(
        related="company_id.hoa_tsa_every_seal", readonly=False
    )
    hoa_owner_request_answer_days = fields.Integer(
        related="company_id.hoa_owner_request_answer_days", readonly=False
    )
    hoa_owner_request_cluster_count = fields.Integer(
        related="company_id.hoa_owner_request_cluster_count", readonly=False
    )
    hoa_owner_request_cluster_days = fields.Integer(
        related="company_id.hoa_owner_request_cluster_days", readonly=False
    )
    hoa_decision_reminder_days = fields.Integer(
        related="company_id.hoa_decision_reminder_days", readonly=False
    )
    hoa_quality_user_id = fields.Many2one(
        related="company_id.hoa_quality_user_id", readonly=False
    )
    hoa_evaluation_low_score = fields.Integer(
        related="company_id.hoa_evaluation_low_score", readonly=False
    )
    hoa_routine_reminder_days = fields.Integer(
        related="company_id.hoa_routine_reminder_days", readonly=False
    )
    hoa_mediation_escalation_days = fields.Integer(
        related="company_id.hoa_mediation_escalation_days", readonly=False
    )

    hoa_sms_provider = fields.Selection(
        related="company_id.hoa_sms_provider", readonly=False
    )
    hoa_sms_access_key_id = fields.Char(
        related="company_id.hoa_sms_access_key_id",
        readonly=False,
        groups="base.group_system",
    )
    hoa_sms_access_key_secret = fields.Char(
        related="company_id.hoa_sms_access_key_secret",
        readonly=False,
        groups="base.group_system",
    )
    hoa_sms_sign_name = fields.Char(
        related="company_id.hoa_sms_sign_name", readonly=False
    )
    hoa_sms_region = fields.Char(related="company_id.hoa_sms_region", readonly=False)
    hoa_sms_sdk_app_id = fields.Char(
        related="company_id.hoa_sms_sdk_app_id", readonly=False
    )
    hoa_sms_endpoint = fields.Char(
        related="company_id.hoa_sms_endpoint", readonly=False
    )
    hoa_wecom_corp_id = fields.Char(
        related="company_id.hoa_wecom_corp_id", readonly=False
    )
    hoa_wecom_agent_id = fields.Char(
        related="company_id.hoa_wecom_agent_id", readonly=False
    )
    hoa_wecom_secret = fields.Char(
        related="company_id.hoa_wecom_secret",
        readonly=False,
        groups="base.group_system",
    )
    hoa_wecom_api_base = fields.Char(
        related="company_id.hoa_wecom_api_base", readonly=False
    )
    hoa_receipt_url_aliyun = fields.Char(
        string="Aliyun Receipt Address",
        compute="_compute_hoa_receipt_urls",
        groups="base.group_system",
    )
    hoa_receipt_url_tencent = fields.Char(
        string="Tencent Cloud Receipt Address",
        compute="_compute_hoa_receipt_urls",
        groups="base.group_system",
    )

    @api.depends("company_id")
    def _compute_hoa_receipt_urls(self):
        for settings in self:
            company = settings.company_id
            settings.hoa_receipt_url_aliyun = company._hoa_receipt_url("aliyun")
            settings.hoa_receipt_url_tencent = company._hoa_receipt_url("tencent")

    def action_hoa_sms_test(self):
        """Ask for a number and send it a test SMS with the saved settings."""
        check_admin(self.env)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send a Test SMS"),
            "res_model": "hoa.sms.test.wizard",
            "view_mode": "form",
            "target": "new",
        }
