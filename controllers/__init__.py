from . import portal
from . import hoa_archive_seal
from . import fund_balance_portal
