from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..rules.inputs import format_bound
from ..rules.units import AREA_MAX, building_code, parse_unit_name
from .access import check_head, check_staff
from .hoa_domains import PARTNER_DOMAIN

#: the parts of a unit read from its name, unless given
UNIT_PARTS = ("building", "entrance", "floor", "room")
#: the areas of a unit in their legal order (最高法 建筑物区分所有权解释 art. 8):
#: the registered area, else the surveyed area, else the sale contract's
AREA_FIELDS = {
    "registered": "registered_area",
    "surveyed": "surveyed_area",
    "contract": "contract_area",
}


class HoaUnit(models.Model):
    _name = "hoa.unit"
    _description = "Unit (Exclusive Part)"
    _inherit = ["hoa.estate.mixin", "mail.thread", "hoa.input.mixin"]
    _order = "community_id, name"
    _check_company_auto = True

    name = fields.Char(
        string="Unit",
        required=True,
        # searched by a piece of its number ("1-07") across 400,000 units
        index="trigram",
        tracking=True,
        help="Building-unit-room, e.g. 3-2-1502.",
    )
    building = fields.Char(
        compute="_compute_parts",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Read from the unit's name (1-1-0101, 12栋2单元1203, A座-1502); "
        "set it by hand when the name does not say.",
    )
    entrance = fields.Char(
        compute="_compute_parts", store=True, readonly=False, precompute=True
    )
    floor = fields.Integer(
        compute="_compute_parts",
        store=True,
        readonly=False,
        precompute=True,
        aggregator=False,
    )
    room = fields.Char(
        compute="_compute_parts", store=True, readonly=False, precompute=True
    )
    registered_area = fields.Float(
        string="Registered Area (m²)",
        digits=(12, 2),
        tracking=True,
        help="The area in the real-estate register (不动产登记簿).",
    )
    surveyed_area = fields.Float(
        string="Surveyed Area (m²)",
        digits=(12, 2),
        tracking=True,
        help="The area measured by the surveyor (测绘), used when none is registered.",
    )
    contract_area = fields.Float(
        string="Contract Area (m²)",
        digits=(12, 2),
        tracking=True,
        help="The area in the sale contract, used when none is registered or surveyed.",
    )
    area = fields.Float(
        string="Area (m²)",
        required=True,
        digits=(12, 2),
        compute="_compute_area",
        store=True,
        readonly=False,
        precompute=True,
        help="Exclusive area counted in owners' votes: the registered area, else the "
        "surveyed area, else the area in the sale contract. Typing it here sets "
        "the area of the basis shown.",
    )
    area_basis = fields.Selection(
        [
            ("registered", "Registered (不动产登记簿)"),
            ("surveyed", "Surveyed (测绘)"),
            ("contract", "Sale Contract (合同)"),
        ],
        required=True,
        compute="_compute_area",
        store=True,
        readonly=False,
        precompute=True,
        help="Which of the three areas the unit's area is: the first one known in "
        "the legal order.",
    )
    owner_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        domain=PARTNER_DOMAIN,
        help="The registered owner, or the co-owners' representative.",
    )
    co_owner_ids = fields.Many2many(
        "res.partner",
        "hoa_unit_co_owner_rel",
        "unit_id",
        "partner_id",
        string="Co-Owners",
        domain=PARTNER_DOMAIN,
    )
    developer_held = fields.Boolean(
        string="Held by Developer",
        tracking=True,
        help="Unsold or undelivered: all such units together count as one owner.",
    )
    note = fields.Text()
    fund_balance_ids = fields.One2many(
        "hoa.fund.balance", "unit_id", string="Maintenance Fund Balances"
    )
    owner_mobile = fields.Char(
        string="Owner's Mobile",
        compute="_compute_owner_private",
        compute_sudo=False,
        groups="hoa_committee.group_hoa_user",
    )
    owner_id_number = fields.Char(
        string="Owner's Identity No.",
        compute="_compute_owner_private",
        compute_sudo=False,
        groups="hoa_committee.group_hoa_user",
    )
    owner_has_access = fields.Boolean(
        compute="_compute_owner_private",
        compute_sudo=False,
        groups="hoa_committee.group_hoa_user",
    )

    _sql_constraints = [
        (
            "name_community_uniq",
            "unique(community_id, name)",
            "This unit already exists in this estate.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_new_names(vals_list)
        for vals in vals_list:
            # an empty cell of an import is no value: the name gives it
            for part in UNIT_PARTS:
                if part in vals and not vals[part]:
                    del vals[part]
            self._normalize_building(vals)
            self._map_area(vals)
        units = super().create(vals_list)
        units._hoa_owners_join_company()
        return units

    def write(self, vals):
        if "area" in vals and "area_basis" not in vals and len(self) > 1:
            # the area typed is the area of each unit's own basis
            for unit in self:
                unit.write(dict(vals))
            return True
        self._map_area(vals, self.area_basis if len(self) == 1 else None)
        if vals.get("name"):
            # a part written with the name keeps the others from being
            # recomputed: read them from the new name here
            parts = parse_unit_name(vals["name"])
            if parts.building:
                for part in UNIT_PARTS:
                    vals.setdefault(part, getattr(parts, part) or False)
        self._normalize_building(vals)
        result = super().write(vals)
        if {"owner_id", "co_owner_ids", "community_id"} & set(vals):
            self._hoa_owners_join_company()
        return result

    def export_data(self, fields_to_export):
        """Exports of owners' data are logged (个人信息保护法)."""
        result = super().export_data(fields_to_export)
        self.env["hoa.export.log"]._hoa_log_export(self, fields_to_export)
        return result

    def _hoa_owners_join_company(self):
        """The owners of a unit belong to the company managing its estate."""
        for company in self.company_id:
            units = self.filtered(lambda u, c=company: u.company_id == c)
            (units.owner_id | units.co_owner_ids)._hoa_join_company(company)

    @api.model
    def _held_by_domain(self, partner):
        """The units ``partner`` owns or co-owns, developer-held ones
        excluded (they make nobody an owner), as a domain the database
        answers from the owner and co-owner indexes. Written
        ``owner_id = p OR co_owner_ids in p`` it scans every unit of the
        company (the co-owner test is a subquery per unit): 140 ms for
        200,000 units on each portal page of an owner."""
        owner = self._fields["owner_id"]
        co_owners = self._fields["co_owner_ids"]
        held = SQL(
            "(SELECT %s FROM hoa_unit AS held WHERE %s = %s"
            " UNION SELECT %s FROM %s WHERE %s = %s)",
            SQL.identifier("held", "id"),
            SQL.identifier("held", "owner_id", to_flush=owner),
            partner.id,
            SQL.identifier(co_owners.relation, co_owners.column1, to_flush=co_owners),
            SQL.identifier(co_owners.relation),
            SQL.identifier(co_owners.relation, co_owners.column2),
            partner.id,
        )
        return [("developer_held", "=", False), ("id", "in", held)]

    @api.model
    def _map_area(self, vals, basis=None):
        """An area given with its basis (a form, an import with the columns
        ``area`` and ``area_basis``) is the area of that basis: the unit's
        area then follows the legal order of the three."""
        if "area" not in vals and "area_basis" not in vals:
            return
        area = vals.pop("area", None)
        basis = vals.pop("area_basis", None) or basis or "registered"
        if basis not in AREA_FIELDS:
            raise ValidationError(
                self.env._("Unknown area basis %(basis)s.", basis=basis)
            )
        if area is not None:
            vals.setdefault(AREA_FIELDS[basis], area)

    @api.depends("registered_area", "surveyed_area", "contract_area")
    def _compute_area(self):
        """The first area known in the legal order, and which one it is."""
        for unit in self:
            for basis, fname in AREA_FIELDS.items():
                if unit[fname]:
                    unit.area = unit[fname]
                    unit.area_basis = basis
                    break
            else:
                unit.area = 0.0
                unit.area_basis = "registered"

    @api.model
    def _normalize_building(self, vals):
        """A building typed as ``3号楼`` is building ``3``, as in unit names."""
        if vals.get("building"):
            vals["building"] = building_code(vals["building"]) or vals["building"]

    @api.depends("name")
    def _compute_parts(self):
        """Building, entrance, floor and room from the name; a name that
        cannot be read leaves the parts as they are."""
        for unit in self:
            parts = parse_unit_name(unit.name)
            if parts.building:
                unit.building = parts.building
                unit.entrance = parts.entrance
                unit.floor = parts.floor
                unit.room = parts.room
            else:
                unit.building = unit.building
                unit.entrance = unit.entrance
                unit.floor = unit.floor
                unit.room = unit.room

    def _check_new_names(self, vals_list):
        """Refuse duplicate unit names before the database does, with a message
        that names the unit (the SQL constraint stays as the last guard)."""
        keys = [
            (vals.get("community_id"), vals.get("name"))
            for vals in vals_list
            if vals.get("community_id") and vals.get("name")
        ]
        if not keys:
            return
        seen = set()
        duplicates = {key for key in keys if key in seen or seen.add(key)}
        existing = self.sudo().search_read(
            [
                ("community_id", "in", list({key[0] for key in keys})),
                ("name", "in", list({key[1] for key in keys})),
            ],
            ["community_id", "name"],
        )
        duplicates |= {
            (row["community_id"][0], row["name"])
            for row in existing
            if (row["community_id"][0], row["name"]) in seen
        }
        if duplicates:
            community_id, name = min(duplicates)
            raise ValidationError(
                self.env._(
                    "Unit %(unit)s already exists in estate %(estate)s.",
                    unit=name,
                    estate=self.env["hoa.community"].browse(community_id).sudo().name,
                )
            )

    @api.constrains("area", "registered_area", "surveyed_area", "contract_area")
    def _check_area(self):
        for unit in self:
            given = [unit[fname] for fname in AREA_FIELDS.values() if unit[fname]]
            if not all(0 < area <= AREA_MAX for area in [unit.area, *given]):
                raise ValidationError(
                    self.env._(
                        "The area of unit %(unit)s must be greater than zero and "
                        "at most %(max)s m² (got %(area)s m²).",
                        unit=unit.name,
                        area=unit.area,
                        max=format_bound(AREA_MAX),
                    )
                )

    @api.constrains("name", "community_id")
    def _check_unique_name(self):
        for unit in self:
            duplicate = self.search_count(
                [
                    ("community_id", "=", unit.community_id.id),
                    ("name", "=", unit.name),
                    ("id", "!=", unit.id),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s already exists in estate %(estate)s.",
                        unit=unit.name,
                        estate=unit.community_id.name,
                    )
                )

    @api.depends_context("uid")
    @api.depends("owner_id", "owner_id.mobile", "co_owner_ids")
    def _compute_owner_private(self):
        """The owner's numbers as the reader may see them (masked by
        :meth:`res.partner._compute_hoa_private_display`)."""
        for unit in self:
            unit.owner_mobile = unit.owner_id.hoa_mobile_display
            unit.owner_id_number = unit.owner_id.hoa_id_number_display
            unit.owner_has_access = bool(unit._hoa_owner_portal_users())

    def _hoa_owner_portal_users(self):
        """The active portal accounts of the unit's owner and co-owners."""
        partners = (self.owner_id | self.co_owner_ids).sudo()
        return partners.user_ids.filtered(lambda user: user.share)

    def action_revoke_owner_access(self):
        """Archive the portal accounts of the unit's owner and co-owners:
        they can no longer log in. Logged in the unit's chatter."""
        check_head(self.env)
        self.check_access("write")
        for unit in self:
            users = unit._hoa_owner_portal_users()
            if not users:
                continue
            users.sudo().write({"active": False})
            unit.message_post(
                body=self.env._(
                    "Portal access revoked for %(owners)s by %(user)s.",
                    owners=", ".join(users.mapped("name")),
                    user=self.env.user.name,
                ),
            )
        return True

    @api.onchange("developer_held")
    def _onchange_developer_held(self):
        if self.developer_held and not self.owner_id:
            self.owner_id = self.community_id.developer_partner_id

    @api.model
    def get_import_templates(self):
        check_staff(self.env)
        return [
            {
                "label": self.env._("Import Template for Units"),
                "template": "/hoa_committee/static/xls/hoa_unit_import_template.csv",
            }
        ]
