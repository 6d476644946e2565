"""Synthetic faces in the BP4D release's layout, through the converter."""
import numpy as np
import pytest

from mmfau.datasets import BP4DDataset, SyntheticFaceDataset
from mmfau.datasets.synthetic_release import write_bp4d_release
from mmfau.facs import BP4D_AUS

from ..test_tools.helpers import run_python


@pytest.mark.slow
def test_the_converter_reads_back_every_frame_and_label(tmp_path):
    written = run_python('tools/misc/synthetic_bp4d.py', tmp_path / 'release',
                         '--frames', 2, '--size', 160, '--seed', 7)
    assert 'wrote 3 subjects (F001, F003, F004) x 2 frames' in written
    log = run_python('tools/dataset_converters/bp4d.py', tmp_path / 'release',
                     '--out', tmp_path / 'out', '--landmarks', 'file',
                     '--landmark-file', tmp_path / 'release/landmarks.json',
                     '--workers', 0)
    assert 'written (aligned, with landmarks): 6' in log
    assert 'layout problems: 0' in log
    drawn = SyntheticFaceDataset(parts=('P1', 'P2', 'P3'), num_subjects=3,
                                 frames_per_subject=2, image_size=160,
                                 seed=7)
    columns = [drawn.aus.index(au) for au in BP4D_AUS]
    for part, subject in enumerate(['F001', 'F003', 'F004']):
        converted = BP4DDataset(data_root=str(tmp_path / 'out'),
                                parts=[f'P{part + 1}'],
                                data_prefix=dict(img_path='images'))
        assert len(converted) == 2
        for frame in range(2):
            info = converted.get_data_info(frame)
            assert info['subject'] == subject and info['frame'] == frame + 1
            expected = drawn.get_data_info(part * 2 + frame)['au_labels']
            np.testing.assert_array_equal(info['au_labels'],
                                          expected[columns])


def test_the_release_names_its_subjects_by_protocol_part(tmp_path):
    written = write_bp4d_release(str(tmp_path), frames_per_subject=1,
                                 subjects_per_part=2, image_size=96)
    assert written['subjects'] == ['F001', 'F002', 'F003', 'F005', 'F004',
                                   'F006']
    lines = (tmp_path / 'AUCoding/AU_OCC/F002_T1.csv').read_text().split()
    assert lines[0] == ','.join(map(str, range(28)))
    assert lines[1].startswith('1,')  # frame 1, then one code per AU


@pytest.mark.parametrize('option,value,message', [
    ('subjects_per_part', 14, 'subjects_per_part must be 1 to 13'),
    ('subjects_per_part', 0, 'subjects_per_part must be 1 to 13'),
    ('frames_per_subject', 0, 'frames_per_subject must be at least 1'),
])
def test_impossible_sizes_are_refused_by_name(tmp_path, option, value,
                                              message):
    with pytest.raises(ValueError, match=message):
        write_bp4d_release(str(tmp_path), **{option: value})
