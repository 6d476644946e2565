"""AUs of a whole collection of photographs and videos, on every core,
every GPU and many machines, resumable.

    python tools/infer.py INPUTS [INPUTS ...] CONFIG CHECKPOINT \
        --out-dir DIR [--workers N] [--runtime auto] [--quiet]
    bash tools/dist_infer.sh CONFIG CHECKPOINT INPUTS N --out-dir DIR

INPUTS are folders (searched recursively for images and videos), glob
patterns, text files listing one path a line (.txt, .lst, .list), or
files. Each input gets ``DIR/<path>.csv`` (a row per frame and face, the
video demo's columns, ``--calibrate`` included) and
``DIR/<path>.faces.csv`` (a row per person), ``<path>`` its path below
the inputs' common folder, and a row in
``DIR/index.csv`` (status, frames read and declared, faces, seconds,
outputs, message). An input's outputs appear under their names only when
it is done; a rerun of the command skips the inputs done from the same
file with the same settings (model, runtime, face stage, calibration) and
redoes the others (``failed`` ones too), so it ends with the files an
uninterrupted run writes (Ctrl-C, SIGTERM, ``kill -9`` or a power cut
alike). ``--workers N`` runs
N processes, each loading the model once and taking inputs from a shared
queue, the cores shared among them; under ``torchrun`` (``--launcher
pytorch``) each process takes every N-th input and the first writes the
index. Exits 0, 3 when some input could not be read whole (its status in
the index), 130 or 143 when stopped.
"""
import argparse
import multiprocessing
import os
import os.path as osp
import queue
import signal
import sys
import time
from typing import Dict, List, Optional

import torch

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.apis.collection import (
    CollectionInput,
    InputRecord,
    collect_inputs,
    done_record,
    input_state,
    output_names,
    process_input,
    write_index,
)
from mmfau.apis.collection_progress import CollectionProgress
from mmfau.apis.result_stream import EXIT_SKIPPED
from mmfau.calibration import PopulationBaseline
from mmfau.deployment import build_runtime, resolve_runtime
from mmfau.faces import OK
from mmfau.utils import (
    InputFiles,
    StopRequest,
    claim_outputs,
    exit_on_user_error,
    init_distributed,
    shutdown_distributed,
    threads_per_job,
)

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from cli_options import (  # noqa: E402
    add_batch_size_argument,
    add_calibration_arguments,
    add_landmark_arguments,
    add_runtime_arguments,
    check_option_combinations,
    files_read,
    landmark_config_from_args,
    one_line_errors,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    one_line_errors(parser)
    parser.add_argument('inputs', nargs='+', help='folders, glob patterns, '
                        'lists of paths (.txt) or files')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out-dir', required=True, help='output folder')
    parser.add_argument('--workers', type=int, default=1,
                        help='processes on this machine, each with the '
                        'model (the cores are shared among them)')
    parser.add_argument('--device', default=None,
                        help='cpu, cuda, ... (default: this process\'s GPU '
                        'when there is one, else cpu)')
    parser.add_argument('--redetect-every', type=int, default=10,
                        help='in videos, run the face detector every N '
                        'frames and follow the faces in between')
    parser.add_argument('--quiet', action='store_true',
                        help='one line per input instead of a progress bar '
                        '(for batch systems)')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm'],
                        default='none', help='job launcher (slurm: GPUs)')
    add_landmark_arguments(parser, 'dlib', '<video file name>/<frame>')
    add_batch_size_argument(parser)
    add_runtime_arguments(parser, auto=True)
    add_calibration_arguments(parser)
    args = parser.parse_args()
    if args.workers < 1:
        parser.error(f'argument --workers: {args.workers}: give 1 or more')
    check_option_combinations(parser, args)
    return args


class _Context:
    """What every process of a run shares: the options, the inputs, the
    runtime chosen, and where this process stands among the others."""

    def __init__(self, args, items: List[CollectionInput]) -> None:
        self.args = args
        self.items = items
        self.rank = int(os.environ.get('RANK', 0))
        self.world = int(os.environ.get('WORLD_SIZE', 1))
        local = int(os.environ.get('LOCAL_RANK', 0))
        self.device = args.device or (f'cuda:{local}'
                                      if torch.cuda.is_available() else
                                      'cpu')
        self.runtime = (args.runtime, args.onnx)
        self.threads: Optional[int] = None

    def model(self) -> torch.nn.Module:
        """The model, loaded on this process's device."""
        return init_model(self.args.config, self.args.checkpoint,
                          self.device)

    def inferencer(self, model: torch.nn.Module) -> FaceAUInferencer:
        """The model's runtime and the face stage of this process."""
        args = self.args
        name, graph = self.runtime
        return FaceAUInferencer(
            model, landmark_config_from_args(args), args.batch_size,
            redetect_every=args.redetect_every,
            runtime=build_runtime(name, model, graph, self.threads),
            calibration=args.calibrate,
            calibration_min_frames=args.calibrate_after)


def _choose_runtime(context: _Context, model: torch.nn.Module) -> None:
    """Resolve ``--runtime auto``, and the graph of an ONNX runtime without
    ``--onnx`` (kept in ``DIR/.runtime``), before the workers start: the
    first process chooses and exports, the others take its choice. Says
    what was chosen."""
    args = context.args
    if args.runtime.startswith('pytorch') or args.onnx:
        return  # nothing to resolve or export
    choice = [None]
    if context.rank == 0:
        name, graph, reason = resolve_runtime(
            model, args.runtime, osp.join(args.out_dir, '.runtime'),
            args.checkpoint, args.onnx)
        print(f'runtime: {name} ({reason})', file=sys.stderr, flush=True)
        choice = [(name, graph)]
    if context.world > 1:
        import torch.distributed as dist
        dist.broadcast_object_list(choice, src=0)
    context.runtime = choice[0]


def _barrier(context: _Context) -> None:
    """Wait for every process of the launcher."""
    if context.world > 1:
        import torch.distributed as dist
        dist.barrier()


def _settings(context: _Context) -> dict:
    """What an input's results depend on, stored in its record: a rerun
    with other settings redoes the input."""
    args = context.args
    return dict(config=osp.abspath(args.config),
                checkpoint=[osp.abspath(args.checkpoint),
                            *input_state(args.checkpoint)],
                runtime=context.runtime[0],
                face_stage=landmark_config_from_args(args),
                batch_size=args.batch_size,
                redetect_every=args.redetect_every,
                calibrate=args.calibrate,
                calibrate_after=args.calibrate_after
                if args.calibrate == 'online' else None)


def _worker(context: _Context, settings: dict, tasks, results, stop,
            report_frames: bool) -> None:
    """A process of ``--workers``: inputs from the queue until None, each
    frame done reported when the parent shows a bar; an error outside an
    input (loading the model, say) is sent to the parent, which ends the
    run with it."""
    if sys.platform.startswith('linux'):  # end with the parent, however
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)  # the parent asks via stop
    torch.set_num_threads(context.threads)
    on_frame = (lambda: results.put(('frame', None, None))) \
        if report_frames else (lambda: None)
    try:
        inferencer = context.inferencer(context.model())
        while True:
            index = tasks.get()
            if index is None:
                return
            record = process_input(
                inferencer, context.items[index], context.args.out_dir,
                settings, stop.is_set, on_frame)
            results.put(('input', index, record))
    except Exception as err:
        results.put(('error', None, err))


def _run(context: _Context, model: torch.nn.Module, todo: List[int],
         settings: dict, stop: StopRequest,
         progress: CollectionProgress) -> Dict[int, InputRecord]:
    """Process this process's share of the inputs, with ``model`` in this
    process or in ``--workers`` processes that load their own; the records
    of the inputs finished."""
    args = context.args
    records: Dict[int, InputRecord] = {}
    if args.workers == 1:
        inferencer = context.inferencer(model)
        for index in todo:
            record = process_input(inferencer, context.items[index],
                                   args.out_dir, settings,
                                   lambda: stop.requested, progress.frame)
            if record is None:
                break
            records[index] = record
            progress.input(record)
        return records
    # spawned, not forked: this process may have run PyTorch's threads
    mp = multiprocessing.get_context('spawn')
    tasks, results, event = mp.Queue(), mp.Queue(), mp.Event()
    for index in todo:
        tasks.put(index)
    report_frames = progress.bar is not None
    workers = [mp.Process(target=_worker,
                          args=(context, settings, tasks, results, event,
                                report_frames))
               for _ in range(min(args.workers, max(len(todo), 1)))]
    for worker in workers:
        tasks.put(None)
        worker.start()
    pending, error = len(todo), None
    while pending and error is None:
        if stop.requested:
            event.set()
        try:
            kind, index, record = results.get(timeout=0.5)
        except queue.Empty:  # look at the stop and the workers
            if not any(w.is_alive() for w in workers) and results.empty():
                break
            continue
        if kind == 'error':
            error = record
        elif kind == 'frame':
            progress.frame()
        else:
            pending -= 1
            if record is not None:
                records[index] = record
                progress.input(record)
    if error is not None or pending and not stop.requested:
        event.set()  # the others stop after their batch in progress
        for worker in workers:
            worker.join()
        raise error or RuntimeError(
            'a worker ended without finishing its inputs (exit codes '
            f'{[w.exitcode for w in workers]}); see its messages above')
    for worker in workers:
        worker.join()
    return records


def _gather(context: _Context, records: Dict[int, InputRecord]
            ) -> Dict[int, InputRecord]:
    """Every process's records, on the first."""
    if context.world == 1:
        return records
    import torch.distributed as dist
    gathered = [None] * context.world if context.rank == 0 else None
    dist.gather_object(records, gathered, dst=0)
    if context.rank != 0:
        return {}
    return {k: v for part in gathered for k, v in part.items()}


def main():
    args = parse_args()
    items = collect_inputs(args.inputs)
    if not items:
        raise FileNotFoundError(f'{" ".join(args.inputs)}: no image or '
                                'video to read.')
    index_file = osp.join(args.out_dir, 'index.csv')
    reads = files_read(args, []) + [item.path for item in items]
    input_files = InputFiles(reads)
    for item in items:
        for name in output_names(item).values():
            output = osp.join(args.out_dir, name)
            source = input_files.find(output)
            if source is not None:
                raise ValueError(f'{output} (--out-dir) would be written '
                                 f'onto the input {source}; choose another '
                                 'folder.')
    init_distributed(args.launcher)
    context = _Context(args, items)
    model = context.model()
    if args.calibrate:  # said at once, not by every worker
        PopulationBaseline.required(model.dataset_meta, args.checkpoint)
    claims = {'--out-dir': index_file} if context.rank == 0 else {}
    with claim_outputs(claims, reads), StopRequest() as stop:
        context.threads = threads_per_job(args.workers) or \
            torch.get_num_threads()
        _choose_runtime(context, model)
        settings = _settings(context)
        done = {i: done_record(item, args.out_dir, settings)
                for i, item in enumerate(items)}
        _barrier(context)  # every process has seen what was done before
        undone = [i for i, record in done.items() if record is None]
        if context.rank == 0 and len(undone) < len(items):
            print(f'{len(items) - len(undone)} of {len(items)} inputs done '
                  'before with these settings: skipped', file=sys.stderr)
        todo = undone[context.rank::context.world]
        progress = CollectionProgress(
            [items[i].path for i in todo], 'lines' if args.quiet else
            'bar' if context.rank == 0 else 'silent')
        start = time.perf_counter()
        try:
            records = _run(context, model, todo, settings, stop, progress)
        finally:
            stop.finish()
            progress.close()
        records = _gather(context, records)
        if context.rank != 0:
            shutdown_distributed(stop.exit_code if stop.requested else 0)
            return
        for index, record in records.items():
            done[index] = record
        finished = [r for r in done.values() if r is not None]
        write_index(finished, index_file)
        failed = [r for r in finished if r.status != OK]
        frames = sum(r.frames_read for r in records.values())
        seconds = time.perf_counter() - start
        print(f'{len(finished)} of {len(items)} inputs done '
              f'({len(records)} now, {frames} frames in {seconds:.1f} s); '
              f'{len(failed)} not read whole (see {index_file})',
              file=sys.stderr)
    code = stop.exit_code if stop.requested else \
        EXIT_SKIPPED if failed else 0
    shutdown_distributed(code)
    sys.exit(code)


if __name__ == '__main__':
    exit_on_user_error(main)
