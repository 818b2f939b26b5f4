"""Domains of the many2one fields that tie a record to a company.

A record of the addon takes its company from its estate (or committee), so a
new record has no company until the estate is picked: the company-dependent
domain of ``check_company`` would offer nothing. These domains offer the
records of the record's company once it has one, and of the companies the
user works in (``allowed_company_ids``) before. Record rules still narrow
each list to the estates the user works on.
"""

#: the estate or committee a record's company is derived from
COMPANY_DOMAIN = "[('company_id', 'in', allowed_company_ids)]"

#: a staff member: an internal user of the record's company
USER_DOMAIN = (
    "[('share', '=', False),"
    " ('company_ids', 'in', company_id and [company_id] or allowed_company_ids)]"
)

#: a person or organisation: of no company, or of the record's company
PARTNER_DOMAIN = (
    "['|', ('company_id', '=', False),"
    " ('company_id', 'in', company_id and [company_id] or allowed_company_ids)]"
)
