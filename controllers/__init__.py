from . import portal
from . import hoa_archive_seal
from . import owner_onboarding
