#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
    # Local commands on a fresh clone work like `make run`; production sets DEBUG=0
    # explicitly (.env.example), and gunicorn (wsgi.py) never gets this default.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
