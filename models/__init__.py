from . import res_company
from . import res_config_settings
from . import hoa_community
from . import hoa_unit
from . import hoa_committee
from . import hoa_committee_member
from . import hoa_demo_data
