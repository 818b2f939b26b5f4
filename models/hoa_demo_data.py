import base64
import random
from datetime import datetime, time, timedelta

from odoo import api, models

from ..rules.periods import period_of

#: a one-pixel PNG: the "scan" of the demo's signed receipts
DEMO_SCAN = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8"
    "/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志文斌浩宇博鑫晨阳雪梅海燕丹"
    "婷俊峰晓东云飞健慧颖琳子涵思远欣怡雨萱梓轩一鸣嘉怡佳琪天宇"
)


def _demo_scan(text):
    """A one-page PDF reading ``text`` (ASCII): the demo's stand-in for the
    scan of a signed paper."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return base64.b64encode(pdf)


class HoaDemoData(models.AbstractModel):
    """Builds the demo estates' units: hundreds of records that XML would bury."""

    _name = "hoa.demo.data"
    _description = "Owners' Committee Demo Data"

    @api.model
    def _generate_units(
        self, community_id, layout, seed, named_owners=(), options=None
    ):
        """Create the units of a demo estate and their owners.

        :param layout: ``(buildings, entrances, floors, rooms_per_floor)``
        :param named_owners: ``[(partner_id, unit_name), …]`` owners that other
            demo records refer to (the committee members)
        :param options: ``developer_units`` (how many top-floor units the
            developer still holds), ``double_owners`` (owners of two units)
        """
        options = options or {}
        rng = random.Random(seed)
        community = self.env["hoa.community"].browse(community_id)
        buildings, entrances, floors, rooms = layout
        names = [
            f"{b}-{e}-{f:02d}{r:02d}"
            for b in range(1, buildings + 1)
            for e in range(1, entrances + 1)
            for f in range(1, floors + 1)
            for r in range(1, rooms + 1)
        ]
        room_area = {1: 89.5, 2: 126.3, 3: 105.7, 4: 143.8}
        developer_count = options.get("developer_units", 0)
        # The developer keeps the top floors of the last building.
        developer_names = set(
            sorted(
                (n for n in names if n.startswith(f"{buildings}-")),
                key=lambda n: (-int(n.split("-")[2][:2]), n),
            )[:developer_count]
        )
        fixed = {unit_name: partner_id for partner_id, unit_name in named_owners}
        free_names = [n for n in names if n not in developer_names and n not in fixed]
        people = self.env["res.partner"].create(
            [
                {
                    "name": rng.choice(SURNAMES)
                    + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                    "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    "city": (community.address and community.address[:3]) or False,
                    "company_id": community.company_id.id,
                }
                for _ in free_names
            ]
        )
        owner_by_name = dict(zip(free_names, people.ids, strict=True))
        owner_by_name.update(fixed)
        # Some owners bought a second unit: their second unit's own buyer is
        # removed, so each of them counts once.
        doubles = rng.sample(free_names, options.get("double_owners", 0) * 2)
        spare = self.env["res.partner"]
        for first, second in zip(doubles[::2], doubles[1::2], strict=True):
            spare |= self.env["res.partner"].browse(owner_by_name[second])
            owner_by_name[second] = owner_by_name[first]
        spare.unlink()
        basis_choices = ["registered"] * 92 + ["surveyed"] * 5 + ["contract"] * 3
        vals_list = []
        for name in names:
            room = int(name[-2:])
            area = round(room_area.get(room, 98.0) + rng.uniform(-4.0, 4.0), 2)
            developer_held = name in developer_names
            vals_list.append(
                {
                    "community_id": community.id,
                    "name": name,
                    "area": area,
                    "area_basis": rng.choice(basis_choices),
                    "developer_held": developer_held,
                    "owner_id": community.developer_partner_id.id
                    if developer_held
                    else owner_by_name[name],
                }
            )
        self.env["hoa.unit"].with_context(
            mail_create_nolog=True, tracking_disable=True
        ).create(vals_list)
        return True

    @api.model
    def _past_state(self, model, res_id, vals):
        """Put a demo record in the state its past left it in (that history
        is not replayed): the flow's own way of setting a state."""
        self.env[model].browse(res_id)._set_state(vals)
        return True

    @api.model
    def _demo_receipt(self, model, res_id, signed_by):
        """The paper receipt of a demo document, signed today by
        ``signed_by`` for the first member it was served to on paper, with a
        scan of the signed slip."""
        document = self.env[model].browse(res_id)
        service = document.service_ids.filtered(lambda s: not s.served).sorted("id")[:1]
        scan = self.env["ir.attachment"].create(
            {
                "name": "回执扫描件.png",
                "raw": base64.b64decode(DEMO_SCAN),
                "res_model": "hoa.service",
                "res_id": service.id,
            }
        )
        service._hoa_receive(signed_by, document.company_id._hoa_today(), scan)
        return True

    @api.model
    def _hold_and_sign(self, meeting_id, present_members, minutes):
        """Hold a demo meeting with the first ``present_members`` members and
        the staff present, and have every attendee sign its minutes."""
        meeting = self.env["hoa.meeting"].browse(meeting_id)
        members = meeting.attendance_ids.filtered("member_id")
        members[:present_members].write({"present": True})
        meeting.attendance_ids.filtered("user_id").write({"present": True})
        if meeting.state == "draft":
            meeting.action_propose()
        # as it happened: proposed three weeks ahead, notice a week ahead
        day = meeting._local_day()
        meeting._set_state(
            {
                "proposed_date": day - timedelta(days=21),
                "notice_date": day - timedelta(days=7),
                "state": "notified",
            }
        )
        self._served_notice(meeting, day - timedelta(days=7))
        meeting.action_hold()
        meeting.minutes = minutes
        for line in meeting.attendance_ids.filtered("present"):
            line._sign(method="paper" if line.member_id else "web")
        return True

    @api.model
    def _served_notice(self, meeting, day):
        """The proof of service of a demo meeting's notice, as it happened:
        the mail server took every member's email on ``day`` (10:00)."""
        moment = datetime.combine(day, time(2, 0))  # 10:00 in Beijing, in UTC
        self.env["hoa.service"]._create_in_state(
            [
                {
                    "res_model": meeting._name,
                    "res_id": meeting.id,
                    "document": "meeting_notice",
                    "partner_id": partner.id,
                    "channel": "email",
                    "state": "accepted",
                    "sent_at": moment,
                    "accepted_at": moment,
                    "served_date": day,
                    "committee_id": meeting.committee_id.id,
                    "community_id": meeting.community_id.id,
                    "company_id": meeting.company_id.id,
                }
                for partner in meeting._notice_members()
            ]
        )
        return True

    @api.model
    def _cast_ballots(self, decision_id, share, seed, skip_partner_ids=()):
        """Paper ballots for a share of a demo decision's voters, each with
        the scan of the signed paper; ``skip_partner_ids`` (the demo owners
        who log in) are left to vote in the portal."""
        rng = random.Random(seed)
        decision = self.env["hoa.decision"].browse(decision_id)
        voters = decision.voter_ids.filtered(
            lambda v: rng.random() < share and v.partner_id.id not in skip_partner_ids
        )
        self.env["hoa.decision.ballot"].create(
            [
                {
                    "decision_id": decision.id,
                    "partner_id": voter.partner_id.id,
                    "choice": rng.choice(["agree"] * 6 + ["oppose"] * 2 + ["abstain"]),
                    "channel": "paper",
                    "scan": _demo_scan(f"{decision.reference} ballot {voter.id}"),
                    "scan_name": f"{decision.reference}-{voter.id}.pdf",
                }
                for voter in voters
            ]
        )
        return True

    @api.model
    def _publish_disclosures(self, community_id):
        """The last period's income and expenditure statement of a demo
        estate, published, then corrected once (a cost was under-stated),
        and the draft work report of the current period."""
        community = self.env["hoa.community"].browse(community_id)
        today = self.env.company._hoa_today()
        current = period_of(today, community.meeting_cadence)
        last = period_of(current.start - timedelta(days=1), community.meeting_cadence)
        lines = [
            ("fee_income", "物业服务费（住宅）", 1286400.00, "收缴率92.4%"),
            ("fee_income", "物业服务费（底商）", 96300.00, ""),
            ("common_revenue", "电梯轿厢广告", 36000.00, "归全体业主所有"),
            ("common_revenue", "地面临时停车费", 58200.00, "归全体业主所有"),
            ("operating_cost", "人员工资及社保", 612000.00, "在岗48人"),
            ("operating_cost", "公共区域水电能耗", 138500.00, ""),
            ("operating_cost", "电梯维保", 64800.00, "12部电梯"),
            ("operating_cost", "绿化养护", 42600.00, ""),
            ("operating_cost", "秩序维护外包", 186000.00, ""),
            ("commission", "物业服务企业酬金", 104390.00, "服务成本的10%"),
            ("fund_opening", "专项维修资金账户", 8420000.00, "期初余额"),
            ("fund_contribution", "新交房业主首期交存", 126000.00, ""),
            ("fund_interest", "账户利息", 21050.00, ""),
            ("fund_use", "2号楼电梯曳引机更换", 48600.00, "业主表决通过"),
        ]
        disclosure = self.env["hoa.disclosure"].create(
            {
                "community_id": community.id,
                "date_from": last.start,
                "date_to": last.end,
                "line_ids": [
                    (0, 0, {"category": c, "name": n, "amount": a, "note": note})
                    for c, n, a, note in lines
                ],
            }
        )
        # the committee's chair confirms it in the portal before it is published
        disclosure.action_submit_review()
        chair = self.env.ref(
            "hoa_committee.user_demo_portal_chair", raise_if_not_found=False
        )
        if chair:
            disclosure.with_user(chair)._portal_review("confirm")
            disclosure.action_publish()
        else:
            disclosure._publish_unreviewed("演示数据：业委会主任未开通门户账号。")
        correction = self.env["hoa.disclosure"].browse(
            disclosure.action_correct()["res_id"]
        )
        correction.line_ids.filtered(
            lambda line: line.name == "绿化养护"
        ).amount = 45900.0
        correction.note = "<p>绿化养护费用补录9月补植费用3,300元。</p>"
        correction._publish_unreviewed(
            "更正仅补录绿化补植费用3,300元，业委会主任已当面确认，先行公示。"
        )
        # the head drafts this quarter's work report as the quarter goes, for
        # the next routine meeting
        report = self.env["hoa.work.report"].create(
            {
                "community_id": community.id,
                "date_from": current.start,
                "date_to": current.end,
            }
        )
        report.action_fill()
        report.help_needed = (
            "<p>请业委会协助督促12户长期欠费业主缴纳物业费，"
            "并就地面停车方案征求业主意见。</p>"
        )
        return True

    @api.model
    def _work_in_chinese(self):
        """The demo companies work in Chinese, and so does the demo: Chinese
        is made active (the demo files then run in it) and the addon's Chinese
        labels are loaded now, since Odoo loads a module's translations only
        after its demo data and the demo's texts quote model names and
        selection values."""
        modules = self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to install", "to upgrade"))]
        )
        if self.env["res.lang"]._lang_get("zh_CN"):
            modules = modules.filtered(lambda m: m.name == "hoa_committee")
        else:
            self.env["res.lang"]._activate_lang("zh_CN")
        modules._update_translations(["zh_CN"])
        return True

    @api.model
    def _set_company_language(self, company_id, lang):
        """What the jobs and the letters write for a demo company is in
        ``lang``, when that language is installed."""
        if self.env["res.lang"]._lang_get(lang):
            self.env["res.company"].browse(company_id).partner_id.lang = lang
        return True

    @api.model
    def _generate_owner_accounts(self, community_id, owner_units, invited_units):
        """Demo owners with portal accounts and a finished invitation run.

        :param owner_units: ``[(partner_id, unit_name), …]`` owners given a
            unit of the estate (their account is in the demo XML)
        :param invited_units: units whose generated owners the demo's
            invitation run covers; the last two cannot be invited (one has no
            mobile number and no email, one has the mobile number of another
            account)
        """
        units = self.env["hoa.unit"].search([("community_id", "=", community_id)])
        by_name = {unit.name: unit for unit in units}
        for partner_id, unit_name in owner_units:
            by_name[unit_name].owner_id = partner_id
        owners = self.env["res.partner"]
        for unit_name in invited_units:
            owners |= by_name[unit_name].owner_id
        no_contact, taken = owners[-2], owners[-1]
        no_contact.write({"phone": False, "mobile": False, "email": False})
        taken.mobile = self.env["res.partner"].browse(owner_units[0][0]).mobile
        for partner in owners[:-2]:
            partner.mobile = partner.phone
        owners[0].hoa_id_number = "110105198803150021"
        run = self.env["hoa.owner.invitation"]._create_in_state(
            [
                {
                    "community_id": community_id,
                    "total": len(owners),
                    "pending_partner_ids": [(6, 0, owners.ids)],
                }
            ]
        )
        run._hoa_process_batch()
        return run
