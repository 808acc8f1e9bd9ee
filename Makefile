# The README's two commands: `make lessons` (the main job) and `make test`. Each sets itself up.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.fcnlab-installed
# nbval's default cell timeout is 2000 s; a lesson cell that needs more than this is a bug
CELL_TIMEOUT ?= 600
# pytest-xdist workers: the tests are shared out file by file, a lesson as one unit (tests/lesson_run.py); 0 runs
# them in one process
WORKERS ?= 2

.PHONY: setup test unit lint lessons clean compat student

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lint: setup
	$(PY) -m ruff check lessons_src tests tools notebooks

# lint, the unit tests, and the lesson series: each lesson executed once by nbval (fast profile), its exercises
# checked in the same kernel (tests/lesson_run.py, tools/exercise_cases.py), then the tests that read what the
# series made (slides, lesson 5's claims)
test: setup lint
	FCNLAB_PROFILE=fast MPLBACKEND=Agg TF_CPP_MIN_LOG_LEVEL=2 $(PY) -m pytest tests -n $(WORKERS) \
		--nbval-cell-timeout=$(CELL_TIMEOUT) -p no:cacheprovider --durations=15

# the fast tests: everything but what executes the lesson series (marker `lessons`)
unit: setup
	TF_CPP_MIN_LOG_LEVEL=2 $(PY) -m pytest tests -m "not lessons" -n $(WORKERS)

# the student edition, notebooks/student/NN_*.ipynb: the lessons with each exercise's solution taken out
student: setup
	$(PY) -m tools.make_student

# execute the whole series on the synthetic data into build/ (notebooks with outputs + results.json)
lessons: setup
	TF_CPP_MIN_LOG_LEVEL=3 $(PY) -m tools.run_lessons --out build

clean:
	rm -rf build .pytest_cache .ruff_cache

# the lowest and highest supported Python / TensorFlow (not in CI: two more TensorFlow installs)
compat:
	tools/compat.sh

# the lessons as reveal.js decks that open offline, from the executed notebooks in build/notebooks/ (`make lessons`;
# a lesson without one is rendered from its source): the class decks build/slides/NN_*.slides.html (projected: the
# exercises as questions) and the instructor decks build/slides/instructor/ (each solution on a step after its
# question); then every slide measured in headless Chromium (the ones taller than the 960×700 canvas are listed)
# and a contact sheet of each class deck written, build/slides/contact/NN_*.png. Needs npm the first time.
# One lesson: $(PY) -m tools.make_slides --measure path/to/executed/NN_x.ipynb
.PHONY: slides
slides: setup
	$(PY) -m tools.make_slides --measure

# the course as a static site: build/book/index.html, from the executed lessons in build/notebooks/ (`make lessons`)
# and the decks in build/slides/ (`make slides`, if made); opens offline. tools/make_book.py says how.
.PHONY: book
book: setup
	$(PY) -m tools.make_book
