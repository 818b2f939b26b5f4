import ast
from types import SimpleNamespace

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

from .common import HoaCommitteeCase

#: what a domain or a modifier may read besides the record's fields
CONTEXT_NAMES = {
    "context",
    "uid",
    "allowed_company_ids",
    "current_company_id",
    "context_today",
    "today",
    "now",
    "datetime",
    "relativedelta",
    "time",
    "parent",
    "id",
    "True",
    "False",
    "None",
}


@tagged("post_install", "-at_install")
class TestFormDropdowns(HoaCommitteeCase):
    """Every many2one of every form of the addon, on a new record, as each
    role opens it in the web client: the dropdown offers what the role may
    pick (not nothing), and nothing of another company or of an estate the
    role does not work on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_c = cls.create_second_company_head()
        cls.roles = {
            "staff": cls.staff_a,
            "head": cls.manager_a,
            "leadership": cls.leader_1,
            "administrator": cls.admin_both,
            "second company's head": cls.manager_c,
        }

    # ------------------------------------------------------------------
    # The forms, as the web client gets them
    # ------------------------------------------------------------------

    def _addon_form_views(self):
        """(root view, names of the fields the addon puts in it) for every
        form view of the addon, primary or inheriting."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "hoa_committee"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        forms = {}
        for view in views.filtered(lambda v: v.type == "form"):
            root = view
            while root.mode == "extension" and root.inherit_id:
                root = root.inherit_id
            own = None
            if root != view:
                own = {
                    node.get("name")
                    for node in etree.fromstring(view.arch_db).iter("field")
                }
            names = forms.setdefault(root, set() if own is not None else None)
            if names is not None and own is not None:
                names.update(own)
            elif own is None:
                forms[root] = None
        return forms

    def _top_fields(self, node, hidden=False):
        """The ``<field>`` nodes of the form itself (not of its x2many
        subviews), each with the ``invisible`` expressions of its
        ancestors."""
        hiding = hidden
        if node.get("invisible"):
            hiding = [*(hidden or []), node.get("invisible")]
        if node.tag == "field":
            yield node, hiding or []
            return
        for child in node:
            if isinstance(child.tag, str):
                yield from self._top_fields(child, hiding)

    # ------------------------------------------------------------------
    # The new record, as the web client computes it
    # ------------------------------------------------------------------

    def _eval_context(self, record_values, user, company_ids, parent=None):
        ctx = dict(
            record_values,
            context={"lang": "en_US", "uid": user.id},
            uid=user.id,
            allowed_company_ids=company_ids,
            current_company_id=company_ids[0],
            id=False,
            parent=parent or SimpleNamespace(),
            datetime=datetime,
            time=time,
            relativedelta=dateutil.relativedelta.relativedelta,
            context_today=lambda: datetime.date.today(),
        )
        return ctx

    @staticmethod
    def _flatten(values, fields):
        flat = {name: False for name in fields}
        for name, value in values.items():
            ftype = fields.get(name, {}).get("type")
            if ftype == "many2one":
                flat[name] = (
                    (value or {}).get("id") if isinstance(value, dict) else value
                )
            elif ftype in ("one2many", "many2many"):
                flat[name] = []
            else:
                flat[name] = value
        return flat

    def _new_record(self, Model, fields, changes=None):
        spec = {
            name: {"fields": {"display_name": {}}} if desc["type"] == "many2one" else {}
            for name, desc in fields.items()
            if desc["type"] not in ("one2many", "many2many")
        }
        values = Model.onchange({}, [], spec)["value"]
        if changes:
            values = {**values, **changes}
            result = Model.onchange(values, list(changes), spec)["value"]
            values.update(result)
        return self._flatten(values, fields)

    @staticmethod
    def _is_true(expression, eval_context):
        if expression in (None, "", "0", "False", "false"):
            return False
        if expression in ("1", "True", "true"):
            return True
        return bool(safe_eval(expression, eval_context))

    @staticmethod
    def _names(domain):
        """The record fields a domain expression reads."""
        return {
            node.id
            for node in ast.walk(ast.parse(domain, mode="eval"))
            if isinstance(node, ast.Name)
        } - CONTEXT_NAMES

    # ------------------------------------------------------------------
    # What each role may pick
    # ------------------------------------------------------------------

    def _works_on(self, user, company_ids):
        """The estates ``user`` may work on in ``company_ids``, from the
        estates' teams and the user's groups (not from record rules)."""
        estates = (
            self.env["hoa.community"].sudo().search([("company_id", "in", company_ids)])
        )
        if user.has_group("hoa_committee.group_hoa_leadership"):
            return estates
        return estates.filtered(lambda e: user in e.team_user_ids)

    def _assert_own(self, user, company_ids, comodel, records, where):
        records = records.sudo()
        estates = self._works_on(user, company_ids)
        for record in records:
            if comodel == "res.users":
                self.assertTrue(
                    record.company_ids.ids
                    and set(record.company_ids.ids) & set(company_ids),
                    f"{where}: offers {record.name}, a user of another company",
                )
                continue
            if "company_id" in record._fields and record.company_id:
                self.assertIn(
                    record.company_id.id,
                    company_ids,
                    f"{where}: offers {record.display_name} of {record.company_id.name}",
                )
            estate = (
                record
                if comodel == "hoa.community"
                else record.community_id
                if "community_id" in record._fields
                and record._fields["community_id"].comodel_name == "hoa.community"
                else None
            )
            if estate:
                self.assertIn(
                    estate,
                    estates,
                    f"{where}: offers {record.display_name} of estate "
                    f"{estate.name}, where the user does not work",
                )

    def _usable(self, user, company_ids, comodel, pick_domain):
        """Whether ``user`` has any record of ``comodel`` to use here: one
        it can read in its companies that suits the record (``pick_domain``
        minus what ties it to the record's own company)."""
        Comodel = (
            self.env[comodel]
            .with_user(user)
            .with_context(allowed_company_ids=company_ids)
        )
        domain = list(pick_domain)
        if comodel == "hoa.community":
            return bool(self._works_on(user, company_ids))
        if "company_id" in Comodel._fields:
            domain = [("company_id", "in", [*company_ids, False]), *domain]
        return bool(Comodel.search_count(domain, limit=1))

    def test_every_dropdown_of_every_form(self):
        forms = self._addon_form_views()
        self.assertTrue(forms)
        checked = set()
        for view, own_fields in forms.items():
            for role, user in self.roles.items():
                Model = (
                    self.env[view.model]
                    .with_user(user)
                    .with_context(allowed_company_ids=user.company_id.ids, lang="en_US")
                )
                if not (Model.has_access("create") and Model.has_access("read")):
                    continue
                company_ids = user.company_id.ids
                result = Model.get_views([(view.id, "form")])
                self._check_form(
                    Model,
                    user,
                    company_ids,
                    result["models"],
                    etree.fromstring(result["views"]["form"]["arch"]),
                    f"{view.xml_id} as {role}",
                    own_fields,
                    checked,
                )
        # the forms the defect was found on are among those walked, and
        # lines of their x2many lists
        for field in [
            ("hoa.contact", "community_id"),
            ("hoa.inquiry", "community_id"),
            ("hoa.matter", "community_id"),
            ("hoa.meeting", "committee_id"),
            ("hoa.unit", "community_id"),
            ("hoa.committee", "community_id"),
            ("hoa.notice", "community_id"),
            ("hoa.decision", "community_id"),
            ("hoa.committee.member", "partner_id"),
            ("hoa.meeting.attendance", "user_id"),
        ]:
            self.assertIn(field, checked)

    def _check_form(
        self,
        Model,
        user,
        company_ids,
        models,
        arch,
        where,
        own_fields,
        checked,
        parent=None,
    ):
        """Check the dropdowns of the form (or x2many subview) ``arch`` of a
        new record of ``Model``, then those of its x2many subviews on a new
        line."""
        fields = models[Model._name]["fields"]
        values = self._new_record(Model, fields)
        nodes = list(self._top_fields(arch))
        eval_context = self._eval_context(values, user, company_ids, parent)
        editable = {
            node.get("name")
            for node, hidden in nodes
            if self._editable(node, hidden, fields, eval_context)
        }
        for node, _hidden in nodes:
            name = node.get("name")
            desc = fields.get(name)
            if not desc or name not in editable:
                continue
            if own_fields is not None and name not in own_fields:
                continue
            if desc["type"] == "many2one":
                with self.subTest(where=where, field=name):
                    self._check_dropdown(
                        Model,
                        user,
                        company_ids,
                        fields,
                        values,
                        node,
                        f"{where}: {name}",
                        editable,
                        parent,
                    )
                    checked.add((Model._name, name))
            elif desc["type"] in ("one2many", "many2many"):
                Line = self.env[desc["relation"]].with_env(Model.env)
                if desc["relation"] not in models or not Line.has_access("create"):
                    continue
                for subview in node:
                    if subview.tag in ("list", "form"):
                        self._check_form(
                            Line,
                            user,
                            company_ids,
                            models,
                            subview,
                            f"{where}: {name}",
                            None,
                            checked,
                            parent=SimpleNamespace(**values),
                        )

    def _editable(self, node, hidden, fields, eval_context):
        """Whether the user sees the field and can type into it."""
        if any(self._is_true(expr, eval_context) for expr in hidden):
            return False
        if self._is_true(node.get("invisible"), eval_context):
            return False
        if self._is_true(node.get("column_invisible"), eval_context):
            return False
        readonly = node.get("readonly")
        if readonly is None:
            readonly = "1" if fields.get(node.get("name"), {}).get("readonly") else "0"
        return not self._is_true(readonly, eval_context)

    def _check_dropdown(
        self, Model, user, company_ids, fields, values, node, where, editable, parent
    ):
        name = node.get("name")
        desc = fields[name]
        eval_context = self._eval_context(values, user, company_ids, parent)
        domain = node.get("domain") or desc.get("domain") or "[]"
        if not isinstance(domain, str):
            domain = repr(domain)
        # a field of the record the user fills in first (the estate before
        # its committee): pick the first it offers, as the user would
        empty = {n for n in self._names(domain) if n in fields and not values.get(n)}
        first = empty & editable - {name, "company_id"}
        if first:
            changes = {}
            for other in first:
                other_desc = fields[other]
                if other_desc["type"] != "many2one":
                    continue
                other_domain = other_desc.get("domain") or "[]"
                if not isinstance(other_domain, str):
                    other_domain = repr(other_domain)
                offered = (
                    self.env[other_desc["relation"]]
                    .with_user(user)
                    .with_context(allowed_company_ids=company_ids)
                    .name_search("", safe_eval(other_domain, eval_context), limit=1)
                )
                if offered:
                    changes[other] = offered[0][0]
            if not changes:
                return
            values = self._new_record(Model, fields, changes)
            eval_context = self._eval_context(values, user, company_ids, parent)
        pick_domain = safe_eval(domain, eval_context)
        Comodel = (
            self.env[desc["relation"]]
            .with_user(user)
            .with_context(allowed_company_ids=company_ids)
        )
        offered = Comodel.name_search("", pick_domain, limit=1000)
        records = Comodel.browse([record_id for record_id, _name in offered])
        self._assert_own(user, company_ids, desc["relation"], records, where)
        if not first:
            own_domain = [
                (1, "=", 1)
                if isinstance(leaf, (list, tuple)) and leaf[0] == "company_id"
                else leaf
                for leaf in pick_domain
            ]
            if self._usable(user, company_ids, desc["relation"], own_domain):
                self.assertTrue(
                    records,
                    f"{where}: the dropdown answers 'No records' with domain "
                    f"{domain!r} on a new record",
                )
