from . import hoa_workday_import_wizard
from . import hoa_disclosure_import_wizard
from . import hoa_inquiry_escalate_wizard
from . import hoa_meeting_notice_wizard
from . import hoa_meeting_paper_sign_wizard
from . import hoa_meeting_void_wizard
from . import hoa_decision_draft_wizard
from . import hoa_archive_seal_acknowledge_wizard
