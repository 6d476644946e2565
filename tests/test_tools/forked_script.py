"""Running a repository script as ``python SCRIPT ARGS``, forked from a
process that has done the imports.

A new interpreter spends about 4 s of CPU importing torch, MMEngine and
mmpretrain before a tool does anything, and the suite runs tools about a
hundred times. A zygote process (run as this file) imports them once and
nothing else: it runs no test code, so it holds no thread pools, locks or
state of the tests. For each run it forks a child that becomes the process
a user's command would make (working directory, arguments, environment,
standard streams) and runs the script as ``__main__``; the child's exit
code comes back as a real process's would.
"""
import json
import os
import os.path as osp
import runpy
import select
import signal
import subprocess
import sys
import tempfile
import traceback
from typing import Dict, Optional, Sequence

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def tool_env(pythonpath: str = ROOT) -> Dict[str, str]:
    """The environment the tests run tools in: this one, with
    ``pythonpath`` (the repository) to import from and one torch thread."""
    return dict(os.environ, PYTHONPATH=pythonpath, OMP_NUM_THREADS='1')


def _run_child(request: dict) -> None:
    """In the forked child: become the script's process, run it, exit."""
    code = 1
    try:
        os.chdir(request['cwd'])
        os.environ.clear()
        os.environ.update(request['env'])
        streams = [os.open(os.devnull, os.O_RDONLY),
                   os.open(request['stdout'], os.O_WRONLY),
                   os.open(request['stderr'], os.O_WRONLY)]
        for fd, target in zip(streams, (0, 1, 2)):
            os.dup2(fd, target)
        sys.stdin = open(0, closefd=False)
        sys.stdout = open(1, 'w', closefd=False)
        sys.stderr = open(2, 'w', closefd=False)
        path = osp.abspath(request['script'])
        sys.argv = [request['script'], *request['args']]
        sys.path[:0] = [osp.dirname(path)] + [
            p for p in request['env'].get('PYTHONPATH', '').split(os.pathsep)
            if p
        ]
        runpy.run_path(path, run_name='__main__')
        code = 0
    except SystemExit as stop:  # as the interpreter ends on it
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
    except KeyboardInterrupt:
        traceback.print_exc()
        code = 130
    except BaseException:  # a script's uncaught error, as Python shows it
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def serve() -> None:
    """The zygote: import what every tool imports, then fork a child per
    request line (JSON) on stdin, answering with its pid and then its exit
    code, one line each."""
    import mmengine.model  # noqa: F401
    import mmengine.runner  # noqa: F401
    import torch  # noqa: F401

    import mmfau.apis  # noqa: F401
    import mmfau.engine  # noqa: F401
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            _run_child(json.loads(line))
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


class _Zygote:
    """The client side: one zygote per test process, started on first use
    and again if it died."""

    def __init__(self) -> None:
        self.proc: Optional[subprocess.Popen] = None

    def _started(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [sys.executable, osp.abspath(__file__)], cwd=ROOT,
                env=tool_env(),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, bufsize=1)
        return self.proc

    def _answer(self, proc: subprocess.Popen, timeout: float) -> str:
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline() if ready else ''
        if not line and ready:
            raise RuntimeError('the tool-running zygote died')
        return line

    def run(self, request: dict, timeout: float) -> int:
        proc = self._started()
        proc.stdin.write(json.dumps(request) + '\n')
        proc.stdin.flush()
        pid = int(self._answer(proc, 120))
        line = self._answer(proc, timeout)
        if not line:
            os.kill(pid, signal.SIGKILL)
            self._answer(proc, 60)
            raise subprocess.TimeoutExpired(request['script'], timeout)
        return int(line)


_ZYGOTE = _Zygote()


def run_script_forked(script: str, args: Sequence[str], cwd: str,
                      env: Dict[str, str],
                      timeout: float) -> subprocess.CompletedProcess:
    """Run ``python script *args`` as a child of the zygote.

    Args:
        script (str): Path of the script, relative to ``cwd`` or absolute.
        args (Sequence[str]): Its arguments.
        cwd (str): Working directory of the run.
        env (dict): The whole environment of the run.
        timeout (float): Seconds after which the run is killed
            (:class:`subprocess.TimeoutExpired`).

    Returns:
        CompletedProcess: As :func:`subprocess.run` with
        ``capture_output=True, text=True`` gives it: the exit code (-N when
        killed by signal N), standard output and standard error.
    """
    with tempfile.TemporaryDirectory() as folder:
        outputs = [osp.join(folder, name) for name in ('out', 'err')]
        for path in outputs:
            open(path, 'w').close()
        returncode = _ZYGOTE.run(
            dict(script=str(script), args=[str(a) for a in args],
                 cwd=str(cwd), env=dict(env), stdout=outputs[0],
                 stderr=outputs[1]), timeout)
        stdout, stderr = (open(path, errors='replace').read()
                          for path in outputs)
    return subprocess.CompletedProcess([sys.executable, script, *args],
                                       returncode, stdout, stderr)


if __name__ == '__main__':
    serve()
