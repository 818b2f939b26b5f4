from . import hoa_register_xlsx
from . import hoa_inquiry_register_xlsx
from . import hoa_matter_register_xlsx
from . import hoa_meeting_register_xlsx
from . import hoa_contact_register_xlsx
from . import hoa_decision_ballots_xlsx
