"""Plausible wrong answers to every exercise, and right alternatives, one file per lesson:
``tests/wrong_answers/<lesson stem>.py``.

When ``make test`` executes a lesson (its test edition, tools/exercise_cases.py), each wrong answer is written
into its exercise's answer cell, in place of the solution, and run with the exercise's check, which must fail
with an ``AssertionError`` (and a hint): a check that a wrong answer passes is not a check. Each right answer
(``RIGHT_ANSWERS``, same format: another correct way to write the answer) must pass. Every exercise needs at
least one wrong answer (tests/test_exercises.py says which lack one).

The format: a module-level dict ``WRONG_ANSWERS`` = ``{answer cell grade_id: {short name: code}}``::

    # tests/wrong_answers/01_segmentation_concepts.py
    WRONG_ANSWERS = {
        "ex1": {                                   # the answer cell whose nbgrader grade_id is "ex1"
            "one pool": "stride4 = 2",             # a name that says what the mistake is, shown in the test id:
            "added, not multiplied": "stride4 = 2 * 4",  # 01_segmentation_concepts-ex1-wrong[one pool]
        },
        "ex2": {                                   # a function answer: the code replaces the body's region
            "constant answer": "return 1.0",
            "a count, not a fraction": '''
                matches = pred == true
                return int(matches.sum())
            ''',                                   # several lines: dedented, then indented like the BEGIN marker
        },
    }

- ``RIGHT_ANSWERS`` has the same shape; its names say how the answer differs from the solution ("a loop").
- The key is the ``grade_id`` of a **code** answer cell (nbgrader ``solution: true``); an exercise with two
  code answer cells (e.g. ``ex3a``, ``ex3b``) can have wrong answers for either; the other keeps its solution.
  Markdown answers are read by a person (nbgrader: manually graded), not checked.
- The code replaces what lies between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (markers included), as
  the student would: the lines around the region (e.g. ``stride4 = None``, a ``def`` line) stay.
- The name is short and says what is wrong: "constant answer", "the unchanged example", "wrong axis", "a count,
  not a fraction". It must be unique within the exercise.
- A wrong answer must *run* (a typo that raises is not a test of the check) and be plausible: what a student
  who half understood would write. Do not write the answer's hint into the check so specifically that it gives
  the answer away.

The demo lesson of the harness's own tests keeps its wrong answers in tests/fixtures/wrong_answers/00_demo.py.
"""
