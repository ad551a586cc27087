"""`python -m dss_codestudio.cli`."""

from dss_codestudio.cli import main

main()
