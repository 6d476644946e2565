"""Your own labels: a manifest of images and video frames, and every way a
manifest can be wrong."""
import cv2
import numpy as np
import pytest

from mmfau.datasets.converters import read_manifest
from mmfau.facs import UNKNOWN


def _files(folder):
    cv2.imwrite(str(folder / 'a.png'), np.zeros((8, 8, 3), np.uint8))
    cv2.imwrite(str(folder / 'b.png'), np.zeros((8, 8, 3), np.uint8))
    cv2.imwrite(str(folder / 'c.png'), np.zeros((8, 8, 3), np.uint8))
    writer = cv2.VideoWriter(str(folder / 'clip.avi'),
                             cv2.VideoWriter_fourcc(*'MJPG'), 10, (8, 8))
    for _ in range(3):
        writer.write(np.zeros((8, 8, 3), np.uint8))
    writer.release()


def _manifest(folder, text):
    path = folder / 'manifest.csv'
    path.write_text(text)
    return str(path)


def test_images_and_video_frames_become_sequences(tmp_path):
    _files(tmp_path)
    path = _manifest(tmp_path, (
        'path,frame,subject,AU12,AU1,AU12_intensity\n'
        'a.png,,s1,1,0,3\n'
        'b.png,,s1,,9,\n'
        'clip.avi,2,s2,0,1,0\n'
        'clip.avi,0,s2,1,-1,2\n'
        'c.png,,s3,0,0,0\n'))
    sequences, _, parts, aus = read_manifest(path)
    assert aus == [1, 12]  # label order: by AU number
    assert parts == {'s1': 'P1', 's2': 'P2', 's3': 'P3'}
    images = {s.subject: s for s in sequences if s.video is None}
    video, = [s for s in sequences if s.video is not None]
    assert images['s1'].labels == {0: [0, 1], 1: [UNKNOWN, UNKNOWN]}
    assert images['s1'].intensities == {0: [UNKNOWN, 3],
                                       1: [UNKNOWN, UNKNOWN]}
    assert video.first_frame == 0 and video.labels == {2: [1, 0],
                                                       0: [UNKNOWN, 1]}
    frames = {f: image is not None for f, image, _ in video.read({0, 2})}
    assert frames == {0: True, 2: True}


def test_a_part_column_keeps_the_users_folds(tmp_path):
    _files(tmp_path)
    path = _manifest(tmp_path, 'path,subject,part,AU1\na.png,x,A,1\n'
                     'b.png,y,B,0\n')
    assert read_manifest(path)[2] == {'x': 'A', 'y': 'B'}


@pytest.mark.parametrize('text, error, message', [
    ('path,subject,AU1\nmissing.png,s1,1\n', FileNotFoundError,
     r'line 2: missing.png does not exist'),
    ('path,subject,AU1,AU99\na.png,s1,1,0\n', ValueError,
     r"\['AU99'\] are not in the FACS rule table"),
    ('path,subject,AU1\na.png,s1,2\n', ValueError,
     r"line 2, AU1: label '2' is not 1 \(present\), 0"),
    ('path,subject,AU1,AU1_intensity\na.png,s1,1,7\n', ValueError,
     r"line 2, AU1_intensity: intensity '7' is not 0-5"),
    ('path,subject,part,AU1\na.png,s1,P1,1\nb.png,s1,P2,0\n', ValueError,
     r'line 3: subject s1 is in part P2, but in part P1 on line 2'),
    ('path,subject,AU1\na.png,s1,1\na.png,s1,0\n', ValueError,
     r'line 3: a.png frame - is labelled twice \(first on line 2\)'),
    ('file,subject,AU1\na.png,s1,1\n', ValueError,
     r"lacks the column\(s\) \['path'\]"),
    ('path,subject,smile\na.png,s1,1\n', ValueError,
     r"column 'smile' is neither"),
])
def test_bad_manifests_get_one_clear_error(tmp_path, text, error, message):
    _files(tmp_path)
    with pytest.raises(error, match=message):
        read_manifest(_manifest(tmp_path, text))


def test_a_manifest_saved_by_excel_with_a_byte_order_mark_reads(tmp_path):
    _files(tmp_path)
    path = tmp_path / 'manifest.csv'
    path.write_bytes('path,subject,AU12\na.png,s1,1\nb.png,s2,0\n'
                     .encode('utf-8-sig'))
    sequences, _, parts, aus = read_manifest(str(path))
    assert aus == [12] and sorted(parts) == ['s1', 's2']
