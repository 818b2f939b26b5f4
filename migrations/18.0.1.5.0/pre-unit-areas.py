"""A unit keeps its registered, surveyed and contract areas, and its area is
the first of them that is known. Before this version a unit carried one area
and the basis it was: that area becomes the area of its basis, so that no
unit's area changes."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE hoa_unit
            ADD COLUMN IF NOT EXISTS registered_area numeric,
            ADD COLUMN IF NOT EXISTS surveyed_area numeric,
            ADD COLUMN IF NOT EXISTS contract_area numeric
        """
    )
    cr.execute(
        """
        UPDATE hoa_unit
           SET registered_area = CASE WHEN area_basis = 'registered' THEN area END,
               surveyed_area = CASE WHEN area_basis = 'surveyed' THEN area END,
               contract_area = CASE WHEN area_basis = 'contract' THEN area END
        """
    )
