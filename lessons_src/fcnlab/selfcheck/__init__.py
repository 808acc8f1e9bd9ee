"""Reference computations for the lessons' exercise checks, one module per lesson, so that a check cell does not show the solution's computation."""
