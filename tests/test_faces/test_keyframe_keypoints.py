"""Between two detections of a video, the face detector's keypoints move
with the face to the landmark stage, as its box does."""
import numpy as np

from mmfau.faces import Face, KeyframeFaceFinder
from mmfau.faces.face_detectors.base import keypoints_of

#: A face's 68 points: a grid filling (40, 40) to (120, 140).
LANDMARKS = np.stack(np.meshgrid(np.linspace(40, 120, 17),
                                 np.linspace(40, 140, 4)),
                     -1).reshape(-1, 2)[:68].astype(np.float32)
KEYPOINTS = np.array([[60, 70], [100, 70], [80, 95], [65, 115], [95, 115]],
                     np.float32)


class _MovingFace:
    """A landmark stage whose face moves by ``step`` pixels a frame; it
    records the rows it is asked to refine."""

    def __init__(self, step, keypoints):
        self.step = np.asarray(step, np.float32)
        self.keypoints = keypoints
        self.frame = 0
        self.rows = []

    def detect(self, images, keys):
        box = np.array([30, 20, 130, 150], np.float32)
        return [[Face(box, 0.99, LANDMARKS, self.keypoints)]]

    def refine(self, images, keys, boxes):
        row = np.asarray(boxes[0][0])
        self.rows.append(row)
        return [[Face(row[:4], float(row[4]),
                      LANDMARKS + self.step * self.frame, keypoints_of(row))]]


def _frames(step, count):
    texture = np.random.default_rng(0).integers(0, 255, (200, 200, 3),
                                                dtype=np.uint8)
    return [np.roll(texture, (step[1] * t, step[0] * t), (0, 1))
            for t in range(count)]


def test_followed_boxes_carry_the_keypoints():
    step = (4, 2)
    stage = _MovingFace(step, KEYPOINTS)
    finder = KeyframeFaceFinder(stage, interval=4)
    for t, frame in enumerate(_frames(step, 4)):
        stage.frame = t
        faces, = finder([frame], [f'video.mp4/{t}'])
    assert len(stage.rows) == 3  # frames 1-3 followed, not detected
    for t, row in enumerate(stage.rows, 1):
        # the box and keypoints where the previous frame's face was
        moved = np.array(step) * (t - 1)
        np.testing.assert_allclose(row[:4], [30, 20, 130, 150] +
                                   np.tile(moved, 2))
        np.testing.assert_allclose(keypoints_of(row), KEYPOINTS + moved)
    np.testing.assert_allclose(faces[0].keypoints,
                               KEYPOINTS + np.array(step) * 2)


def test_followed_boxes_of_a_detector_without_keypoints():
    stage = _MovingFace((0, 0), None)
    finder = KeyframeFaceFinder(stage, interval=4)
    for t, frame in enumerate(_frames((0, 0), 2)):
        finder([frame], [f'video.mp4/{t}'])
    row, = stage.rows
    assert row.shape == (15,) and np.isnan(row[5:]).all()
    assert keypoints_of(row) is None
