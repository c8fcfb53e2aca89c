from __future__ import annotations

import sys
from pathlib import Path

# tests/ itself, so build tests can `import gardens`.
sys.path.insert(0, str(Path(__file__).resolve().parent))
