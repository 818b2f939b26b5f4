from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.units import building_code, join_buildings, split_buildings


class HoaUnitConcernMixin(models.AbstractModel):
    """The buildings and units a record concerns (the lift of building 3, the
    leak in 2-1-1101), chosen among the units of the record's estate.

    Picking units fills in their buildings; a matter of a whole building names
    the building alone. Needs a ``community_id`` field.
    """

    _name = "hoa.unit.concern.mixin"
    _description = "Buildings and Units Concerned"

    unit_ids = fields.Many2many(
        "hoa.unit",
        string="Units Concerned",
        domain="[('community_id', '=', community_id)]",
        check_company=True,
        help="The units of the estate this concerns, if any.",
    )
    buildings = fields.Char(
        string="Buildings Concerned",
        compute="_compute_buildings",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Buildings of the estate, e.g. 3、5 (filled in from the units).",
    )
    building = fields.Char(
        compute="_compute_building",
        search="_search_building",
        help="Search for one building among the buildings concerned.",
    )

    @api.depends("unit_ids.building")
    def _compute_buildings(self):
        for record in self:
            codes = record.unit_ids.filtered("building").mapped("building")
            record.buildings = join_buildings(codes) if codes else record.buildings

    def _compute_building(self):
        for record in self:
            record.building = record.buildings

    def _search_building(self, operator, value):
        """Exact building among ``3、5、12``: building 1 is not building 12."""
        if operator not in ("=", "ilike") or not isinstance(value, str):
            return [("buildings", operator, value)]
        code = building_code(value)
        if not code:
            return [("buildings", "=", False)]
        return [
            "|",
            "|",
            "|",
            ("buildings", "=", code),
            ("buildings", "=like", f"{code}、%"),
            ("buildings", "=like", f"%、{code}"),
            ("buildings", "like", f"%、{code}、%"),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_buildings(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_buildings(vals)
        return super().write(vals)

    @api.model
    def _normalize_buildings(self, vals):
        """``3号楼, 5号楼`` as typed becomes ``3、5``."""
        if vals.get("buildings"):
            vals["buildings"] = join_buildings(split_buildings(vals["buildings"]))

    @api.constrains("unit_ids", "buildings", "community_id")
    def _check_units_and_buildings(self):
        for record in self:
            strangers = record.unit_ids.filtered(
                lambda unit, record=record: unit.community_id != record.community_id
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(record)s: unit %(unit)s is not a unit of estate %(estate)s.",
                        record=record.display_name,
                        unit=strangers[0].name,
                        estate=record.community_id.name,
                    )
                )
            codes = split_buildings(record.buildings)
            if not codes:
                continue
            known = {
                building
                for [building] in self.env["hoa.unit"]
                .sudo()
                ._read_group(
                    [
                        ("community_id", "=", record.community_id.id),
                        ("building", "in", codes),
                    ],
                    ["building"],
                )
            }
            unknown = [code for code in codes if code not in known]
            if unknown:
                raise ValidationError(
                    self.env._(
                        "%(record)s: estate %(estate)s has no building %(building)s "
                        "among its units.",
                        record=record.display_name,
                        estate=record.community_id.name,
                        building=join_buildings(unknown),
                    )
                )
