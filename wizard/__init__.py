from . import hoa_workday_import_wizard
from . import hoa_disclosure_import_wizard
from . import hoa_inquiry_escalate_wizard
