from . import test_ownership
from . import test_committee_constraints
from . import test_unit_constraints
from . import test_security
from . import test_portal
from . import test_install
from . import test_workdays
