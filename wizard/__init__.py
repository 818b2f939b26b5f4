from . import hoa_workday_import_wizard
