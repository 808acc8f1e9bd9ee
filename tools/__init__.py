"""The maintainers' tools: run them from the repository root as modules, e.g. ``python -m tools.run_lessons``.

The tests import them the same way (``from tools import make_student``; pytest puts the root on ``sys.path``).
"""
