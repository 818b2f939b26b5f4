from odoo import api, models

#: the fields through which a user's groups change (the form's check boxes
#: and selections are turned into ``groups_id`` by ``res.users`` itself)
GROUP_FIELDS = ("groups_id", "in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._hoa_set_leadership_home()
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(key.startswith(GROUP_FIELDS) for key in vals):
            self._hoa_set_leadership_home()
        return result

    def _hoa_set_leadership_home(self):
        """Leadership's home is the compliance dashboard: a user given the
        leadership group without a home action of their own lands there after
        logging in (not in Discuss). A home action set by hand is kept, and
        administrators (who configure rather than supervise) keep theirs."""
        dashboard = self.env.ref(
            "hoa_committee.hoa_compliance_action", raise_if_not_found=False
        )
        if not dashboard:
            return
        leaders = self.filtered(
            lambda user: (
                not user.action_id
                and not user.share
                and user.has_group("hoa_committee.group_hoa_leadership")
                and not user.has_group("hoa_committee.group_hoa_admin")
            )
        )
        if leaders:
            leaders.sudo().write({"action_id": dashboard.id})
