from odoo import api, fields, models

from ..rules.evaluation import low_areas


class HoaEvaluationLine(models.Model):
    """The committee's score of one area of the service centre's work, from
    1 (very poor) to 5 (very good), with its comment. Carries its estate and
    period so that the quality department compares estates and periods."""

    _name = "hoa.evaluation.line"
    _description = "Evaluation Score"
    _inherit = ["hoa.input.mixin"]
    _order = "evaluation_id, sequence, id"
    _input_limits = {"score": (0, 5)}

    evaluation_id = fields.Many2one(
        "hoa.evaluation", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    area = fields.Selection(
        string="Aspect",
        selection=[
            ("housekeeping", "Housekeeping"),
            ("engineering", "Engineering"),
            ("security", "Security and Order"),
            ("cleaning", "Cleaning"),
            ("greening", "Greening"),
            ("customer_service", "Customer Service"),
            ("liaison", "Liaison With the Committee"),
        ],
        required=True,
    )
    score = fields.Integer(
        aggregator="avg", help="1 (very poor) to 5 (very good); 0 is not scored yet."
    )
    average = fields.Float(
        string="Average Score",
        compute="_compute_average",
        store=True,
        digits=(3, 2),
        aggregator="avg",
        help="The score as a decimal number, to average across estates and periods.",
    )
    comment = fields.Text()
    community_id = fields.Many2one(
        related="evaluation_id.community_id", store=True, index=True
    )
    committee_id = fields.Many2one(related="evaluation_id.committee_id", store=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)
    period = fields.Char(related="evaluation_id.period", store=True, index=True)
    state = fields.Selection(related="evaluation_id.state")
    low = fields.Boolean(
        string="Low Score",
        compute="_compute_low",
        store=True,
        help="Scored at or below the company's low score.",
    )

    _sql_constraints = [
        (
            "area_uniq",
            "unique(evaluation_id, area)",
            "Each area is scored once per evaluation.",
        ),
    ]

    @api.depends("area")
    def _compute_sequence(self):
        order = {
            area: index
            for index, (area, _label) in enumerate(
                self._fields["area"].selection, start=1
            )
        }
        for line in self:
            line.sequence = order.get(line.area, 99)

    @api.depends("score")
    def _compute_average(self):
        for line in self:
            line.average = line.score

    @api.depends("score", "evaluation_id.company_id.hoa_evaluation_low_score")
    def _compute_low(self):
        for line in self:
            line.low = bool(
                low_areas(
                    {line.area: line.score},
                    line.evaluation_id.company_id.hoa_evaluation_low_score,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hoa.evaluation"].browse(
            {vals["evaluation_id"] for vals in vals_list if vals.get("evaluation_id")}
        )._check_frozen("write")
        return super().create(vals_list)

    def write(self, vals):
        self.evaluation_id._check_frozen("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self.evaluation_id._check_frozen("write")
