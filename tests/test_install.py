import os
import subprocess
import sys
import uuid

from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tools import config

from .common import HoaTransactionCase
from .languages import ensure_chinese


@tagged("post_install", "-at_install")
class TestInstalledWithDemo(HoaTransactionCase):
    """The test database itself is installed with demo data and Chinese."""

    def test_demo_story(self):
        module = self.env["ir.module.module"].search([("name", "=", "hoa_committee")])
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.demo, "the test database has the demo data")
        estate = self.env.ref("hoa_committee.hoa_community_demo_lmh")
        committee = estate.committee_id
        self.assertEqual(
            committee, self.env.ref("hoa_committee.hoa_committee_demo_lmh_2")
        )
        self.assertEqual(committee.member_count, 7)
        self.assertEqual(
            sorted(committee.member_ids.mapped("role")),
            sorted(
                [
                    "chair",
                    "vice_chair",
                    "member",
                    "member",
                    "member",
                    "member",
                    "secretary",
                ]
            ),
        )
        self.assertEqual(committee.chair_id.name, "王建国")
        # the second estate belongs to the other company
        other = self.env.ref("hoa_committee.hoa_community_demo_kr")
        self.assertNotEqual(other.company_id, estate.company_id)
        self.assertEqual(other.committee_id.member_count, 5)

    def test_chinese_labels(self):
        ensure_chinese(self.env)
        field = self.env["ir.model.fields"]._get("hoa.community", "manager_id")
        self.assertEqual(
            field.with_context(lang="zh_CN").field_description, "服务中心负责人"
        )
        menu = self.env.ref("hoa_committee.hoa_menu_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "业委会对接")


@tagged("post_install", "-at_install", "hoa_install")
class TestInstallWithoutDemo(BaseCase):
    """Install the addon into a brand-new database without demo data."""

    def test_install_without_demo(self):
        db = f"hoa_nodemo_{uuid.uuid4().hex[:8]}"
        cmd = [
            sys.executable,
            "-m",
            "odoo",
            "-d",
            db,
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            "-i",
            "hoa_committee",
            "--without-demo=all",
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
        ]
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=600,
                env=dict(os.environ),
                check=False,
            )
            self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
            self.assertNotIn("ERROR", proc.stderr, proc.stderr[-3000:])
            with db_connect(db).cursor() as cr:
                cr.execute(
                    "SELECT state, demo FROM ir_module_module "
                    "WHERE name = 'hoa_committee'"
                )
                self.assertEqual(cr.fetchone(), ("installed", False))
                cr.execute("SELECT count(*) FROM hoa_community")
                self.assertEqual(cr.fetchone()[0], 0)
                cr.execute(
                    "SELECT count(*) FROM ir_model_data WHERE module = 'hoa_committee' "
                    "AND name = 'group_hoa_leadership'"
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            from odoo.sql_db import close_db

            close_db(db)
            subprocess.run(["dropdb", "--if-exists", db], check=False)
