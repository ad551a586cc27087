"""`python -m dss_codestudio_server`: the server's command line."""

from dss_codestudio_server.cli import main

main()
