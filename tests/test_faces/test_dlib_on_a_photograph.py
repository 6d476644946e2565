"""The offline backend on a real photograph (scikit-image's astronaut)."""
import numpy as np
import pytest
from skimage import data

from mmfau.faces import DlibLandmarkDetector, FileLandmarks, align_face
from mmfau.facs.regions import landmarks_to_boxes


@pytest.fixture(scope='module')
def astronaut():
    image = np.ascontiguousarray(data.astronaut()[..., ::-1])  # RGB -> BGR
    detector = DlibLandmarkDetector(keep='largest')
    faces = detector.detect([image])[0]
    return image, faces


def _inside(points, box):
    x1, y1, x2, y2 = box
    return ((points[:, 0] >= x1) & (points[:, 0] <= x2) &
            (points[:, 1] >= y1) & (points[:, 1] <= y2)).all()


def test_finds_the_face_and_keeps_one(astronaut):
    image, faces = astronaut
    assert len(faces) == 1
    x1, y1, x2, y2 = faces[0].box
    assert 150 < (x1 + x2) / 2 < 300 and 50 < (y1 + y2) / 2 < 200
    assert _inside(faces[0].landmarks[36:48], faces[0].box)


def test_regions_cover_the_parts_of_the_face(astronaut):
    image, faces = astronaut
    crop, lm, _ = align_face(image, faces[0].landmarks)
    boxes = landmarks_to_boxes(lm, crop.shape)
    forehead, r_eye, l_eye, glabella, r_cheek, l_cheek, mouth, chin = boxes
    brows = lm[17:27]
    assert forehead[3] <= brows[:, 1].max() and forehead[1] < \
        brows[:, 1].min() - 20  # forehead reaches well above the brows
    assert _inside(lm[36:42], r_eye) and _inside(lm[17:22], r_eye)
    assert _inside(lm[42:48], l_eye) and _inside(lm[22:27], l_eye)
    assert r_eye[2] < lm[42:48, 0].min() and l_eye[0] > lm[36:42, 0].max()
    assert glabella[0] <= lm[39, 0] and glabella[2] >= lm[42, 0]
    assert glabella[1] < lm[39, 1] < glabella[3]  # between the eyes
    for cheek, eye, nose_side in ((r_cheek, lm[36:42], 31),
                                  (l_cheek, lm[42:48], 35)):
        assert cheek[1] >= eye[:, 1].mean()  # from the lower lid down
        assert cheek[0] <= lm[nose_side, 0] <= cheek[2]
        assert cheek[3] >= lm[48, 1] - 2  # down to the lip corners
    assert _inside(lm[48:68], mouth) and mouth[1] <= lm[33, 1]
    assert chin[1] >= lm[57, 1] - 1e-3 and chin[3] >= lm[8, 1] - 1e-3


def test_file_backend_reports_images_without_landmarks(tmp_path):
    path = tmp_path / 'lm.json'
    points = np.tile([[10.0, 20.0], [30.0, 40.0]], (34, 1))
    path.write_text('{"a.jpg": %s, "b.jpg": null}' % points.tolist())
    found = FileLandmarks(str(path)).detect(
        [np.zeros((50, 50, 3), np.uint8)] * 3, ['a.jpg', 'b.jpg', 'c.jpg'])
    assert [len(f) for f in found] == [1, 0, 0]
    np.testing.assert_array_equal(found[0][0].box, [10, 20, 30, 40])
    bad = tmp_path / 'bad.json'
    bad.write_text('{"a.jpg": [[1, 2]]}')
    with pytest.raises(ValueError, match=r"bad.json, entry 'a.jpg'.*68"):
        FileLandmarks(str(bad))
