"""The addon's message templates gain an SMS template code, its parameters
and a short text for SMS and WeCom (issue 18). Their records are
``noupdate`` (what an administrator edited survives upgrades), so an upgrade
does not write the new fields: each template that has none of them yet gets
them from the addon's data files; templates an administrator already filled
in are left alone."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path

FIELDS = ("hoa_sms_code", "hoa_sms_params", "hoa_short_body")


def _template_values(path):
    """``{xmlid: {field: text}}`` of the mail templates of a data file."""
    values = {}
    for record in etree.parse(path).iterfind(".//record[@model='mail.template']"):
        found = {
            field.get("name"): (field.text or "").strip()
            for field in record.iterfind("field")
            if field.get("name") in FIELDS
        }
        if found:
            values[record.get("id")] = found
    return values


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    manifest = env["ir.module.module"].get_module_info("hoa_committee")
    for data_file in manifest.get("data", []):
        if not data_file.endswith(".xml"):
            continue
        path = file_path(f"hoa_committee/{data_file}")
        for xmlid, values in _template_values(path).items():
            template = env.ref(f"hoa_committee.{xmlid}", raise_if_not_found=False)
            if template and not any(template[field] for field in FIELDS):
                template.write(values)
