import ast

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import HoaTransactionCase


@tagged("post_install", "-at_install")
class TestFormButtons(HoaTransactionCase):
    """A new record offers no step of its flow before it is saved: every
    form of the addon, on a new record as the web client opens it, shows no
    button in its header."""

    def _values(self, model, expression, defaults):
        """What the web client evaluates ``expression`` with on a new record:
        the defaults, False for every other name."""
        values = {
            "id": False,
            "context": {},
            "uid": self.env.uid,
            "True": True,
            "False": False,
            "None": None,
        }
        for node in ast.walk(ast.parse(expression.strip(), mode="eval")):
            if isinstance(node, ast.Name) and node.id not in values:
                field = model._fields.get(node.id)
                value = defaults.get(node.id, False)
                if field is not None and field.type in ("one2many", "many2many"):
                    value = value or []
                values[node.id] = value
        return values

    def test_no_flow_button_on_a_new_record(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "hoa_committee"), ("model", "=", "ir.ui.view")]
        )
        views = (
            self.env["ir.ui.view"]
            .browse(data.mapped("res_id"))
            .filtered(lambda v: v.type == "form" and v.mode == "primary")
        )
        shown = []
        checked = 0
        for view in views:
            model = self.env[view.model]
            if model._transient:
                continue  # wizards: their buttons are the dialog's footer
            arch = model.get_views([(view.id, "form")])["views"]["form"]["arch"]
            buttons = etree.fromstring(arch).xpath("//header/button")
            defaults = model.default_get(list(model._fields))
            for button in buttons:
                checked += 1
                expression = button.get("invisible") or "False"
                values = self._values(model, expression, defaults)
                if not safe_eval(expression, values):
                    shown.append(f"{view.xml_id}: {button.get('name')}")
        self.assertGreater(checked, 30, "the forms' buttons were found")
        self.assertFalse(shown, "buttons offered on an unsaved record")

    def test_archivable_records_can_be_archived_from_their_form(self):
        """What is archived instead of deleted offers 存档 in its form: the
        web client shows it only when the form holds the ``active`` field."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "hoa_committee"), ("model", "=", "ir.ui.view")]
        )
        forms = (
            self.env["ir.ui.view"]
            .browse(data.mapped("res_id"))
            .filtered(lambda view: view.type == "form" and not view.inherit_id)
        )
        missing = []
        for view in forms:
            model = self.env[view.model]
            if "active" not in model._fields or model._transient:
                continue
            arch = model.get_views([(view.id, "form")])["views"]["form"]["arch"]
            if not etree.fromstring(arch).xpath("//field[@name='active']"):
                missing.append(view.model)
        self.assertFalse(missing, "forms without 存档")
