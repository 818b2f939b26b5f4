from odoo import models

from ..models.access import check_staff


class HoaDecisionBallotsXlsx(models.AbstractModel):
    """A decision's voter roll with every ballot, and its tally."""

    _name = "report.hoa_committee.decision_ballots_xlsx"
    _inherit = "report.hoa_committee.register_xlsx"
    _description = "Decision Ballots (XLSX)"

    def generate_xlsx_report(self, workbook, data, decisions):
        check_staff(self.env)
        columns = [
            (self.env._("Voter"), "text", 20),
            (self.env._("Units"), "text", 24),
            (self.env._("Area (m²)"), "number", 11),
            (self.env._("Developer's Units"), "text", 9),
            (self.env._("Choice"), "text", 10),
            (self.env._("Channel"), "text", 10),
            (self.env._("Cast On"), "datetime", 16),
            (self.env._("Proxy"), "text", 14),
        ]
        for decision in decisions:
            ballots = {b.voter_id.id: b for b in decision.ballot_ids}
            rows = []
            for voter in decision.voter_ids:
                ballot = ballots.get(voter.id)
                rows.append(
                    [
                        voter.partner_id.name,
                        (voter.unit_names or "").replace("\n", ", "),
                        voter.area,
                        self._yes_no(voter.is_developer),
                        self._label(ballot, "choice") if ballot else "",
                        self._label(ballot, "channel") if ballot else "",
                        ballot.cast_date if ballot else False,
                        ballot.proxy_name if ballot else "",
                    ]
                )
            self.env["hoa.export.log"]._hoa_log(
                "hoa.decision.voter",
                len(rows),
                [column[0] for column in columns[:2]],
                channel="xlsx",
            )
            sheet, row = self._write_sheet(
                workbook,
                decision.reference,
                f"{decision.reference} {decision.name}",
                columns,
                rows,
            )
            formats = self._formats(workbook)
            tally = [
                (
                    self.env._("All owners"),
                    decision.total_area,
                    decision.total_headcount,
                ),
                (
                    self.env._("Took part"),
                    decision.participating_area,
                    decision.participating_headcount,
                ),
                (self.env._("Agreed"), decision.agree_area, decision.agree_headcount),
            ]
            sheet.write(row + 1, 0, self.env._("Tally"), formats["bold"])
            sheet.write(row + 1, 2, self.env._("Area (m²)"), formats["bold"])
            sheet.write(row + 1, 3, self.env._("Owners"), formats["bold"])
            for offset, (label, area, heads) in enumerate(tally, start=2):
                sheet.write(row + offset, 0, label)
                sheet.write_number(row + offset, 2, area, formats["number"])
                sheet.write_number(row + offset, 3, heads)
            sheet.write(row + 6, 0, self.env._("Result"), formats["bold"])
            sheet.write(
                row + 6,
                2,
                self.env._("Passed") if decision.passed else self.env._("Not passed"),
            )
