"""Reporting a user's mistake as one line instead of a traceback."""
import os
import sys
from typing import Callable

#: Exceptions that mmfau raises for problems of the user's input or setup (a
#: missing or unreadable file, a bad config value, a malformed annotation,
#: weights that cannot be downloaded): their message names the file or
#: setting and what is wrong.
USER_ERRORS = (FileNotFoundError, NotADirectoryError, IsADirectoryError,
               PermissionError, ValueError, ConnectionError)

#: Set this environment variable to 1 to see the traceback anyway.
DEBUG_VARIABLE = 'MMFAU_DEBUG'


def exit_on_user_error(main: Callable[[], object]) -> None:
    """Run a tool's ``main``; a user error ends it with ``error: <message>``
    on one line and exit status 1, Ctrl-C with one line and status 130.
    Other exceptions (bugs) keep their traceback, as do user errors when
    ``MMFAU_DEBUG=1``.

    Args:
        main (Callable): The tool's entry point.
    """
    try:
        main()
    except KeyboardInterrupt:
        if os.environ.get(DEBUG_VARIABLE) == '1':
            raise
        print('interrupted', file=sys.stderr)
        sys.exit(130)
    except USER_ERRORS as err:
        if os.environ.get(DEBUG_VARIABLE) == '1':
            raise
        message = ' '.join(str(err).split()) or type(err).__name__
        print(f'error: {message}', file=sys.stderr)
        sys.exit(1)
