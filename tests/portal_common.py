import json
from datetime import date, datetime, timedelta

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user

from .common import HoaCommitteeCase, serve_notice_in_time


class HoaPortalCase(HttpCase, HoaCommitteeCase):
    """Committee A's member ``portal_a`` (member 1 of 5), committee B's
    ``portal_b``, and an owner of estate A, ``owner_a``, with a portal
    login; helpers that build what the service centre sends them."""

    def call_kw(self, model, method, args, kwargs=None):
        """``model.method(*args, **kwargs)`` through JSON-RPC, as the web
        client calls it, in the session of the last ``authenticate``: the
        answer's ``result``, or its ``error``."""
        return self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owners = cls.env["res.partner"].create(
            [{"name": f"Owner {i}"} for i in range(3)]
        )
        cls.owners_b = cls.env["res.partner"].create(
            [{"name": f"Owner B{i}"} for i in range(2)]
        )
        cls.env["hoa.unit"].create(
            [
                {
                    "community_id": estate.id,
                    "name": f"5-{i + 1}01",
                    "area": 88.5 + i,
                    "owner_id": owner.id,
                }
                for estate, owners in (
                    (cls.estate_a, cls.owners),
                    (cls.estate_b, cls.owners_b),
                )
                for i, owner in enumerate(owners)
            ]
        )
        cls.owner_a = new_test_user(
            cls.env,
            "hoa_t_owner_a",
            groups="base.group_portal",
            partner_id=cls.owners[1].id,
        )
        # English pages here; the tours run in Chinese
        cls.env["res.lang"]._activate_lang("en_US")
        (cls.portal_a | cls.portal_b | cls.owner_a).lang = "en_US"
        cls.env.registry.clear_cache()  # users' context_get is cached

    # ------------------------------------------------------------------
    # What the service centre sends
    # ------------------------------------------------------------------

    def held_meeting(self, committee=None, name="Portal tour meeting"):
        """A held special meeting of ``committee`` (A) with its first three
        members and the staff present, and minutes to sign."""
        committee = committee or self.committee_a
        meeting = self.env["hoa.meeting"].create(
            {
                "name": name,
                "committee_id": committee.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "物业服务中心会议室",
                "notice_date": date(2026, 3, 10),
            }
        )
        serve_notice_in_time(meeting)
        meeting.action_propose()
        for line in meeting.attendance_ids.filtered("member_id")[:3]:
            line.present = True
        meeting.attendance_ids.filtered("user_id").write({"present": True})
        meeting.action_hold()
        meeting.minutes = "<p>Repaint the fences of building 3 in April.</p>"
        return meeting

    def delivered_matter(self, committee=None, subject="Repair the roof of building 5"):
        """An application needing the committee's decision, sent to every
        member in the portal and delivered by the receipt its last member
        signed (the others may still confirm theirs)."""
        committee = committee or self.committee_a
        today = committee.company_id._hoa_today()
        matter = self.env["hoa.matter"].create(
            {
                "subject": subject,
                "community_id": committee.community_id.id,
                "category": "repair_fund",
                "planned_date": today + timedelta(days=30),
                "description": "<p>The roof of building 5 leaks.</p>",
                "delivery_method": "portal",
            }
        )
        matter.action_send()
        last = committee.member_ids.sorted("id")[-1].partner_id
        self.record_receipt(
            matter.service_ids.filtered(lambda s: s.partner_id == last), today
        )
        return matter

    def inquiry(self, committee=None, subject="Lift 3 is noisy"):
        committee = committee or self.committee_a
        return self.env["hoa.inquiry"].create(
            {
                "subject": subject,
                "community_id": committee.community_id.id,
                "channel": "letter",
            }
        )

    def notice(self, committee=None, title="Water cut on Tuesday"):
        committee = committee or self.committee_a
        today = fields.Date.context_today(self.env.user)
        return self.env["hoa.notice"].create(
            {
                "title": title,
                "community_id": committee.community_id.id,
                "date_from": today,
                "date_to": today + timedelta(days=7),
            }
        )

    def open_decision(self, estate=None, name="Use the fund for the lifts"):
        today = fields.Date.context_today(self.env.user)
        decision = self.env["hoa.decision"].create(
            {
                "name": name,
                "community_id": (estate or self.estate_a).id,
                "item": "fund_use",
                "date_open": today - timedelta(days=1),
                "date_close": today + timedelta(days=14),
            }
        )
        decision.action_open()
        return decision

    def statement(self, lines=(("fund_opening", "Fund account", 8_420_000),)):
        """A draft statement of estate A for 2026-Q3 with ``lines``
        (category, name, amount)."""
        return self.env["hoa.disclosure"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": fields.Date.to_date("2026-07-01"),
                "date_to": fields.Date.to_date("2026-09-30"),
                "line_ids": [
                    Command.create(
                        {"category": category, "name": name, "amount": amount}
                    )
                    for category, name, amount in lines
                ],
            }
        )

    # ------------------------------------------------------------------
    # HTTP
    # ------------------------------------------------------------------

    def post(self, url, data=None, files=None):
        """A form post with the session's CSRF token, redirects followed."""
        return self.url_open(
            url,
            data={"csrf_token": http.Request.csrf_token(self), **(data or {})},
            files=files,
        )
