"""A collection's inputs and what makes an input done: named by their
paths, each list read once, and redone when the file, the settings or a
failure say so."""
import contextlib
import json

from mmfau.apis.collection import (
    FAILED,
    collect_inputs,
    done_record,
    output_names,
    process_input,
)


def test_inputs_are_named_by_their_paths_and_a_list_is_read_once(tmp_path):
    for name in ('a/talk.mp4', 'b/talk.mp4', 'b/notes.txt.bak'):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b'')
    # a list that names itself, a folder and a missing file
    (tmp_path / 'all.txt').write_text('all.txt\nb\n# c\n\nmissing.mov\n')
    items = collect_inputs([str(tmp_path / 'a'), str(tmp_path / 'all.txt')])
    assert [item.name for item in items] == [
        'a/talk.mp4', 'b/talk.mp4', 'missing.mov']
    assert output_names(items[1]) == dict(
        frames='b/talk.mp4.csv', faces='b/talk.mp4.faces.csv',
        record='b/talk.mp4.json')


class _FailingInferencer:
    """Stands in for FaceAUInferencer where its decoder raises."""
    au_names, estimates_intensity, calibration = ['AU1'], False, None

    def clock(self, stage):
        return contextlib.nullcontext()

    def iterate(self, path, stop):
        raise RuntimeError('the decoder crashed')
        yield


def test_an_input_is_redone_when_its_file_or_the_settings_change(tmp_path):
    out = tmp_path / 'out'
    item = collect_inputs([str(tmp_path / 'late.mp4')])[0]
    settings = dict(runtime='onnx', calibrate=None)
    # missing now: recorded, and done while it stays missing
    record = process_input(None, item, str(out), settings)
    assert record.status == 'missing' and record.outputs == []
    assert done_record(item, str(out), settings) == record
    assert done_record(item, str(out), dict(settings, calibrate='offline')) \
        is None
    # the file appears: redone
    (tmp_path / 'late.mp4').write_bytes(b'\0' * 10)
    assert done_record(item, str(out), settings) is None
    # a failure is always redone; its partial CSV is gone
    record = process_input(_FailingInferencer(), item, str(out), settings)
    assert record.status == FAILED
    assert 'RuntimeError: the decoder crashed' in record.message
    assert done_record(item, str(out), settings) is None
    assert sorted(p.name for p in out.iterdir()) == ['late.mp4.json']
    stored = json.loads((out / 'late.mp4.json').read_text())
    assert stored['settings'] == settings
    assert stored['input_state'][0] == 10
