from . import portal
from . import hoa_archive_seal
from . import owner_portal
from . import fund_balance_portal
from . import owner_request_portal
from . import owner_onboarding
from . import hoa_decision_owner
from . import evaluation_portal
