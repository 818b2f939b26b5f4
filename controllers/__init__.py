from . import portal
from . import hoa_archive_seal
from . import hoa_decision_owner
