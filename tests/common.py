import csv
from contextlib import contextmanager
from datetime import date, datetime

from odoo import Command
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import TransactionCase, new_test_user

#: a 1×1 PNG: the scan of a signed page (minutes, a paper ballot)
SCAN = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@contextmanager
def registry_lock_shared():
    """Let other threads open environments while this test waits for them.

    Odoo's own runner (``odoo -i … --test-enable``, as OCA CI and runbot run
    the tests) runs the post-install tests inside ``with Registry._lock``
    (``Server.run``), and every new ``api.Environment`` or HTTP request takes
    that lock to look its registry up. A test that waits for another thread —
    two transactions at once, or wkhtmltopdf fetching the report's styles
    from this server — would wait forever for a thread that waits for it.
    Odoo's test mode (``Registry.enter_test_mode``) swaps in a dummy lock
    for the same reason; the registry is loaded and not modified meanwhile.
    Under pytest-odoo nobody holds the lock and nothing changes."""
    lock = Registry._lock
    if Registry._saved_lock is not None or not getattr(lock, "_is_owned", bool)():
        yield
        return
    Registry._lock = DummyRLock()
    try:
        yield
    finally:
        Registry._lock = lock


def serve_notice_in_time(meeting, day=date(2026, 3, 10)):
    """Fixture: every member owed ``meeting``'s notice signed its paper
    receipt on ``day`` (proof of service recorded as a past fact)."""
    return (
        meeting.env["hoa.service"]
        .sudo()
        ._create_in_state(
            [
                {
                    "res_model": meeting._name,
                    "res_id": meeting.id,
                    "document": "meeting_notice",
                    "partner_id": partner.id,
                    "channel": "paper",
                    "state": "received",
                    "served_date": day,
                    "receipt_date": day,
                    "receipt_signed_by": partner.name,
                    "committee_id": meeting.committee_id.id,
                    "community_id": meeting.community_id.id,
                    "company_id": meeting.company_id.id,
                }
                for partner in meeting._notice_members()
            ]
        )
    )


class HoaTransactionCase(TransactionCase):
    """A TransactionCase that also runs under Odoo's own test runner: PDFs
    are rendered by wkhtmltopdf, which asks this server for the styles (see
    ``registry_lock_shared``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enterClassContext(registry_lock_shared())


class HoaCommitteeCase(HoaTransactionCase):
    """Two companies, three estates and one user per role.

    * company 1 runs estate A and estate B, company 2 runs estate C;
    * ``staff_a`` / ``manager_a`` work on A, ``staff_b`` on B;
    * ``leader_1`` leads company 1, ``leader_2`` company 2;
    * ``portal_a`` sits on A's committee, ``portal_b`` on B's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_1 = cls.env.company
        # what jobs write is in the company's language: English in these tests
        cls.company_1.partner_id.lang = "en_US"
        cls.company_2 = cls.env["res.company"].create({"name": "HOA Test Company 2"})
        both = [Command.set((cls.company_1 | cls.company_2).ids)]
        cls.staff_a = new_test_user(
            cls.env, "hoa_t_staff_a", groups="hoa_committee.group_hoa_user"
        )
        cls.staff_b = new_test_user(
            cls.env, "hoa_t_staff_b", groups="hoa_committee.group_hoa_user"
        )
        cls.manager_a = new_test_user(
            cls.env, "hoa_t_manager_a", groups="hoa_committee.group_hoa_manager"
        )
        cls.leader_1 = new_test_user(
            cls.env, "hoa_t_leader_1", groups="hoa_committee.group_hoa_leadership"
        )
        cls.leader_2 = new_test_user(
            cls.env,
            "hoa_t_leader_2",
            groups="hoa_committee.group_hoa_leadership",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.admin_both = new_test_user(
            cls.env,
            "hoa_t_admin",
            groups="hoa_committee.group_hoa_admin",
            company_ids=both,
        )
        cls.developer = cls.env["res.partner"].create(
            {"name": "Test Developer", "is_company": True}
        )
        Community = cls.env["hoa.community"]
        cls.estate_a = Community.create(
            {
                "name": "Estate A",
                "code": "T-A",
                "manager_id": cls.manager_a.id,
                "staff_ids": [Command.link(cls.staff_a.id)],
                "developer_partner_id": cls.developer.id,
            }
        )
        cls.estate_b = Community.create(
            {
                "name": "Estate B",
                "code": "T-B",
                "staff_ids": [Command.link(cls.staff_b.id)],
            }
        )
        cls.estate_c = Community.create(
            {"name": "Estate C", "code": "T-C", "company_id": cls.company_2.id}
        )
        cls.committee_a = cls.create_committee(cls.estate_a, 5, activate=True)
        cls.committee_b = cls.create_committee(cls.estate_b, 5, activate=True)
        cls.committee_c = cls.create_committee(cls.estate_c, 5, activate=True)
        cls.portal_a = new_test_user(
            cls.env,
            "hoa_t_portal_a",
            groups="base.group_portal",
            partner_id=cls.committee_a.member_ids[1].partner_id.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            "hoa_t_portal_b",
            groups="base.group_portal",
            partner_id=cls.committee_b.member_ids[1].partner_id.id,
        )

    @classmethod
    def create_owned_units(cls, estate, count, block, area):
        """``count`` owners of one unit each (``<block>-<i>01``, ``area`` m²)
        in ``estate``; returns the owners."""
        owners = cls.env["res.partner"].create(
            [{"name": f"Owner {i}"} for i in range(count)]
        )
        cls.env["hoa.unit"].create(
            [
                {
                    "community_id": estate.id,
                    "name": f"{block}-{i}01",
                    "area": area,
                    "owner_id": owner.id,
                }
                for i, owner in enumerate(owners)
            ]
        )
        return owners

    @classmethod
    def create_second_company_head(cls):
        """``hoa_t_manager_c``: a service-centre head of the second company
        only, heading its estate C."""
        manager = new_test_user(
            cls.env,
            "hoa_t_manager_c",
            groups="hoa_committee.group_hoa_manager",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.estate_c.manager_id = manager
        return manager

    def import_units_csv(self, content, create_owners=False):
        """Import a CSV into hoa.unit the way the import screen does."""
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "hoa.unit",
                "file": content.encode(),
                "file_type": "text/csv",
                "file_name": "units.csv",
            }
        )
        header = next(csv.reader(content.splitlines()))
        return wizard.execute_import(
            header,
            header,
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "name_create_enabled_fields": {"owner_id": create_owners},
            },
        )

    @classmethod
    def create_committee(cls, estate, size, activate=False, **values):
        """A committee of ``size`` members: one chair, the rest members."""
        partners = cls.env["res.partner"].create(
            [{"name": f"{estate.code} member {i}"} for i in range(size)]
        )
        committee = cls.env["hoa.committee"].create(
            {
                "name": f"{estate.name} committee",
                "community_id": estate.id,
                "election_date": date(2025, 3, 1),
                "term_start": date(2025, 3, 3),
                "term_end": date(2030, 3, 2),
                "member_ids": [
                    Command.create(
                        {
                            "partner_id": partner.id,
                            "role": "chair" if i == 0 else "member",
                        }
                    )
                    for i, partner in enumerate(partners)
                ],
                **values,
            }
        )
        if activate:
            committee.action_activate()
        return committee

    def committee_resolution(
        self, committee, agree, present=3, name="同意使用维修资金维修5号楼屋面"
    ):
        """A resolution of ``committee`` at a held special meeting with its
        first ``present`` members there, ``agree`` of them agreeing."""
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "专题工作会议",
                "committee_id": committee.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "物业服务中心会议室",
                "notice_date": date(2026, 3, 10),
            }
        )
        serve_notice_in_time(meeting)
        meeting.action_propose()
        for line in meeting.attendance_ids.filtered("member_id")[:present]:
            line.present = True
        meeting.attendance_ids.filtered("user_id").write({"present": True})
        meeting.action_hold()
        resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": name}
        )
        votes = resolution.vote_ids.filtered(lambda v: v.vote != "absent")
        votes[:agree].vote = "agree"
        return resolution

    # ------------------------------------------------------------------
    # Proof of service: receipts, reports delivered, inquiries answered
    # ------------------------------------------------------------------

    @classmethod
    def receipt_scan(cls, name="回执.png"):
        """The scan of a signed paper receipt."""
        return cls.env["ir.attachment"].create(
            {"name": name, "raw": b"\x89PNG\r\n\x1a\nsigned receipt"}
        )

    @classmethod
    def record_receipt(cls, service, day, signed_by="王建国"):
        """The paper receipt of ``service``, signed on ``day``, with its scan."""
        return service._hoa_receive(signed_by, day, cls.receipt_scan())

    @classmethod
    def deliver(cls, matter, day, method="hand"):
        """Send ``matter`` by ``method`` and record the receipt its last
        member signed on ``day``: delivered on that day."""
        if not matter.delivery_method:
            matter.delivery_method = method
        matter.action_send()
        cls.record_receipt(matter.service_ids.sorted("id")[-1], day)
        return matter

    @classmethod
    def answer(cls, inquiry, day=None):
        """Answer ``inquiry`` and serve its reply letter on paper, its
        receipt signed on ``day`` (today): answered on that day."""
        action = inquiry.action_answer()
        wizard = (
            inquiry.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"channel": "paper"})
        )
        wizard.action_send()
        cls.record_receipt(
            inquiry.reply_service_ids, day or inquiry.company_id._hoa_today()
        )
        return inquiry
