"""Every text of the addon that a person reads exists in Chinese.

The terms are collected the way Odoo's export does it (fields, selections,
views, QWeb, mail templates, menus, actions, and every ``_()`` of the Python
and JavaScript code), so a string added anywhere without its zh_CN
translation, or a file whose terms cannot be extracted at all, fails here.
"""

import re

from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import HoaTransactionCase

#: a term with no word in it (a placeholder, a number, a symbol) needs none
NO_WORDS = re.compile(r"^[\W\d_]*(%\(\w+\)s[\W\d_]*)*$")
TAG = re.compile(r"<[^>]*>")
#: nor does an acronym that Chinese writes the same (ID, PDF)
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
#: translatable in Odoo, but code rather than text
CODE_FIELDS = {"ir.actions.report,print_report_name"}


@tagged("post_install", "-at_install")
class TestTranslations(HoaTransactionCase):
    def test_every_term_has_its_chinese(self):
        with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
            terms = list(
                TranslationModuleReader(
                    self.env.cr, modules=["hoa_committee"], lang="zh_CN"
                )
            )
        self.assertGreater(len(terms), 1000, "the export found the addon's terms")
        missing = sorted(
            {
                f"{name}: {source!r}"
                for module, _type, name, _res_id, source, value, _comments in terms
                if module == "hoa_committee"
                and not value
                and name not in CODE_FIELDS
                and not NO_WORDS.match(TAG.sub("", source).strip())
                and not ACRONYM.match(source)
            }
        )
        self.assertFalse(
            missing,
            "terms without a zh_CN translation (i18n/zh_CN.po, then regenerate "
            "i18n/hoa_committee.pot):\n" + "\n".join(missing[:50]),
        )
